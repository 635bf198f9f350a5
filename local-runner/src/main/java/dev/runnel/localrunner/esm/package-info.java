/**
 * A local stand-in for Lambda's Kinesis event source mapping: per shard, from TRIM_HORIZON, ordered batches, one
 * batch in flight, partial-failure checkpoints, bisect on error, bounded retries with an on-failure record, and
 * parent shards drained before their children. {@link dev.runnel.localrunner.esm.EventSourceMapping} is the entry.
 */
package dev.runnel.localrunner.esm;
