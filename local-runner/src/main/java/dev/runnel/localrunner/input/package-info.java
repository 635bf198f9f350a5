/** Input records for a local run: JSON-lines files or bundled resources, one line one record, fed with PutRecords. */
package dev.runnel.localrunner.input;
