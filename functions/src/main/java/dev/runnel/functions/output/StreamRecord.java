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
  /**
   * The {@code explicitHashKey} of a broadcast output's record, which is copied to every open shard of its stream
   * (each copy routed by its shard's starting hash key) when written (docs/broadcast.md).
   */
  public static final String EVERY_SHARD = "every-shard";

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

  /** True for a broadcast output's record, to be copied to every open shard of its stream. */
  public boolean toEveryShard() {
    return EVERY_SHARD.equals(explicitHashKey);
  }

  /** The copy of a broadcast output's record for the shard starting at {@code startingHashKey}. */
  public StreamRecord copyTo(String startingHashKey) {
    return new StreamRecord(output, stream, partitionKey, data, startingHashKey, laned);
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
    if (toEveryShard()) {
      // every copy carries the record's identity; each is routed to its shard when written (docs/broadcast.md)
      return new StreamRecord(output, stream, identity.toPartitionKey(), data, EVERY_SHARD, false);
    }
    if (laned) {
      // order is kept per partition key only: key by the routing key, carry the identity in the data
      return new StreamRecord(output, stream, LanedRecord.laneKey(partitionKey),
          LanedRecord.wrap(identity.toPartitionKey(), data), RecordIdentity.explicitHashKey(partitionKey), true);
    }
    return new StreamRecord(output, stream, identity.toPartitionKey(), data,
        RecordIdentity.explicitHashKey(partitionKey), false);
  }
}
