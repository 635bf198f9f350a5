package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A stream of the job: a Kinesis stream, or a Kafka topic.
 *
 * @param name       the stream (or topic) name
 * @param shards     the shard count it is created with; for a Kafka topic, its partition count
 * @param role       why the job has it
 * @param transport  where it lives; null (absent from the JSON plan) means {@link StreamTransport#KINESIS}
 * @param aggregated true when its records are aggregates of many sub-records (a Kinesis repartition stream only,
 *                   docs/aggregation.md); absent (false) in JSON for a plain stream
 */
public record StreamSpec(String name, int shards, StreamRole role,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = StreamTransport.OmitKinesis.class)
    StreamTransport transport,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Plain.class) Boolean aggregated) {
  public StreamSpec {
    aggregated = Boolean.TRUE.equals(aggregated);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    transport = transport == null ? StreamTransport.KINESIS : transport;
    if (shards < 1) {
      throw new IllegalArgumentException((transport == StreamTransport.KAFKA ? "topic " + name
          + " needs at least one partition, not " : "stream " + name + " needs at least one shard, not ") + shards);
    }
    if (aggregated.booleanValue() && role != StreamRole.REPARTITION) {
      throw new IllegalArgumentException("stream " + name + " is a " + role.name().toLowerCase(java.util.Locale.ROOT)
          + " stream: only repartition streams are aggregated, since outside producers and consumers read the others");
    }
    if (aggregated.booleanValue() && transport == StreamTransport.KAFKA) {
      throw new IllegalArgumentException("topic " + name + " cannot be aggregated: Kinesis record aggregation is for"
          + " Kinesis streams");
    }
  }

  /** A plain Kinesis stream: one record per Kinesis record. */
  public StreamSpec(String name, int shards, StreamRole role) {
    this(name, shards, role, StreamTransport.KINESIS, false);
  }

  /** A plain stream or topic. */
  public StreamSpec(String name, int shards, StreamRole role, StreamTransport transport) {
    this(name, shards, role, transport, false);
  }

  /** A Kinesis stream, aggregated or not. */
  public StreamSpec(String name, int shards, StreamRole role, boolean aggregated) {
    this(name, shards, role, StreamTransport.KINESIS, aggregated);
  }

  /** The same stream, aggregated or not. */
  public StreamSpec aggregated(boolean packed) {
    return new StreamSpec(name, shards, role, transport, packed);
  }

  /** True when the stream is a Kafka topic. */
  public boolean kafka() {
    return transport == StreamTransport.KAFKA;
  }

  /** "stream" or "topic", for messages and explanations. */
  public String noun() {
    return kafka() ? "topic" : "stream";
  }

  /** How its parts are called, singular or plural: "shard(s)" or "partition(s)". */
  public String parts(int count) {
    return kafka() ? (count == 1 ? "partition" : "partitions") : (count == 1 ? "shard" : "shards");
  }

  /** Leaves {@code aggregated} out of the JSON when false: a plain stream, what every earlier plan meant. */
  static final class Plain {
    @Override
    public boolean equals(Object value) {
      return Boolean.FALSE.equals(value);
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }
}
