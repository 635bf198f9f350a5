/**
 * Reading Lambda's Kafka event (Amazon MSK or self-managed Kafka) into the stage runtime: its records by
 * topic-partition as {@code InputRecord}s, one partition's records being one batch of the stage, and the batch
 * response in the Kafka event source mapping's form (docs/kafka.md).
 */
package dev.runnel.functions.kafka;
