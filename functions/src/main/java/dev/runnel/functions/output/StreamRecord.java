package dev.runnel.functions.output;

import dev.runnel.checkpointing.identity.LanedRecord;
import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.Objects;

/**
 * A record for a Kinesis stream (a repartition stream or a stream sink).
 *
 * @param output       the output's name
 * @param stream       the stream to put it on
 * @param partitionKey its partition key
 * @param data         its JSON bytes; not copied
 * @param explicitHashKey the hash key that routes it, when the partition key carries its identity instead; or null
 * @param laned        true when the stream is read in parallel lanes: its identity then travels in the data
 *                     ({@link LanedRecord})
 */
public record StreamRecord(String output, String stream, String partitionKey, byte[] data, String explicitHashKey,
    boolean laned) implements Emission {
  public StreamRecord {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
  }

  /** A record routed by its partition key. */
  public StreamRecord(String output, String stream, String partitionKey, byte[] data) {
    this(output, stream, partitionKey, data, null, false);
  }

  /** A record routed by {@code explicitHashKey} when it is not null. */
  public StreamRecord(String output, String stream, String partitionKey, byte[] data, String explicitHashKey) {
    this(output, stream, partitionKey, data, explicitHashKey, false);
  }

  /** The same record, for a stream read in parallel lanes ({@code laned}) or not. */
  public StreamRecord laned(boolean readInLanes) {
    return new StreamRecord(output, stream, partitionKey, data, explicitHashKey, readInLanes);
  }

  /**
   * The same record carrying {@code identity} as its partition key, routed by the hash of its former partition key,
   * so it lands on the same shard (see docs/exactly-once.md).
   */
  public StreamRecord withIdentity(RecordIdentity identity) {
    if (laned) {
      // order is kept per partition key only: key by the routing key, carry the identity in the data
      return new StreamRecord(output, stream, LanedRecord.laneKey(partitionKey),
          LanedRecord.wrap(identity.toPartitionKey(), data), RecordIdentity.explicitHashKey(partitionKey), true);
    }
    return new StreamRecord(output, stream, identity.toPartitionKey(), data,
        RecordIdentity.explicitHashKey(partitionKey), false);
  }
}
