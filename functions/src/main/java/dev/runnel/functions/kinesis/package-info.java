/** Writing stage outputs to Kinesis streams with batched, partially retried PutRecords. */
package dev.runnel.functions.kinesis;
