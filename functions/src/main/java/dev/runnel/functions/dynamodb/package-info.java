/** Writing items to DynamoDB tables (sinks and dead letters) with batched, partially retried BatchWriteItem. */
package dev.runnel.functions.dynamodb;
