package dev.runnel.functions.batch;

import java.util.Objects;

/**
 * One Kinesis record of the batch being processed, as the stage sees it.
 *
 * @param shardId        the shard it was read from, e.g. {@code shardId-000000000001}
 * @param sequenceNumber its position in the shard
 * @param partitionKey   the partition key it was written with
 * @param data           its payload; not copied, callers must not modify it
 * @param arrivalMillis  Kinesis's approximate arrival timestamp: the record's "now" for state TTLs and dedup memory,
 *                       the same on every replay
 */
public record InputRecord(String shardId, String sequenceNumber, String partitionKey, byte[] data,
    long arrivalMillis) {
  public InputRecord {
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(data, "data");
  }

  /** A record without an arrival time (tests). */
  public InputRecord(String shardId, String sequenceNumber, String partitionKey, byte[] data) {
    this(shardId, sequenceNumber, partitionKey, data, 0);
  }

  /** Where the record sits: {@code shardId/sequenceNumber}, for messages. */
  public String position() {
    return shardId + "/" + sequenceNumber;
  }
}
