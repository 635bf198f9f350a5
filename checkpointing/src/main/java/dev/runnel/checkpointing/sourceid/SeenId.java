package dev.runnel.checkpointing.sourceid;

/**
 * The first copy of a producer id on a shard: its hash and its Kinesis arrival time.
 *
 * @param hash          the id's {@link IdHash}
 * @param arrivalMillis when the first copy arrived in the stream (epoch milliseconds)
 */
public record SeenId(long hash, long arrivalMillis) {}
