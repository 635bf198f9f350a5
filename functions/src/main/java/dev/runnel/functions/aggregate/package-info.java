/**
 * Kinesis record aggregation on repartition streams (docs/aggregation.md): a producer packs a batch's outputs per
 * destination shard into aggregate records ({@link dev.runnel.functions.aggregate.AggregateRecord}), verifies where
 * each landed and re-sends the sub-records a stale shard map put on the wrong shard; a consumer expands aggregates
 * into sub-records at positions of their own and skips the sub-records its shard does not own.
 */
package dev.runnel.functions.aggregate;
