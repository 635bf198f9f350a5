package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a stream of the plan lives: a Kinesis stream (the default) or a Kafka topic. */
public enum StreamTransport {
  /** A Kinesis data stream; its {@code shards} are shards. The default, never written. */
  @JsonProperty("kinesis") KINESIS,
  /** A Kafka topic; its {@code shards} are partitions (docs/kafka.md). */
  @JsonProperty("kafka") KAFKA;

  /** Leaves the default out of the JSON plan, so plans of Kinesis-only jobs stay as they were. */
  static final class OmitKinesis {
    @Override
    public boolean equals(Object value) {
      return value == null || value == KINESIS;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }
}
