package dev.runnel.functions.output;

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
 */
public record StreamRecord(String output, String stream, String partitionKey, byte[] data, String explicitHashKey)
    implements Emission {
  public StreamRecord {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
  }

  /** A record routed by its partition key. */
  public StreamRecord(String output, String stream, String partitionKey, byte[] data) {
    this(output, stream, partitionKey, data, null);
  }

  /**
   * The same record carrying {@code identity} as its partition key, routed by the hash of its former partition key,
   * so it lands on the same shard (see docs/exactly-once.md).
   */
  public StreamRecord withIdentity(RecordIdentity identity) {
    return new StreamRecord(output, stream, identity.toPartitionKey(), data,
        RecordIdentity.explicitHashKey(partitionKey));
  }
}
