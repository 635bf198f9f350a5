/**
 * Input records for a local run: JSON-lines files or bundled resources, one line one record, fed with PutRecords;
 * empty lines are counted, lines over the record size limit become dead letters with error type {@code input}.
 */
package dev.runnel.localrunner.input;
