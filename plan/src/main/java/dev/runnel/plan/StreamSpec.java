package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A stream of the job: a Kinesis stream, or a Kafka topic.
 *
 * @param name      the stream (or topic) name
 * @param shards    the shard count it is created with; for a Kafka topic, its partition count
 * @param role      why the job has it
 * @param transport where it lives; null (absent from the JSON plan) means {@link StreamTransport#KINESIS}
 */
public record StreamSpec(String name, int shards, StreamRole role,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = StreamTransport.OmitKinesis.class)
    StreamTransport transport) {
  /** A Kinesis stream. */
  public StreamSpec(String name, int shards, StreamRole role) {
    this(name, shards, role, StreamTransport.KINESIS);
  }

  public StreamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    transport = transport == null ? StreamTransport.KINESIS : transport;
    if (shards < 1) {
      throw new IllegalArgumentException((transport == StreamTransport.KAFKA ? "topic " + name
          + " needs at least one partition, not " : "stream " + name + " needs at least one shard, not ") + shards);
    }
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
}
