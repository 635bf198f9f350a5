package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A Kinesis stream of the job.
 *
 * @param name       the stream name
 * @param shards     the shard count it is created with
 * @param role       why the job has it
 * @param aggregated true when its records are aggregates of many sub-records (a repartition stream only,
 *                   docs/aggregation.md); absent (false) in JSON for a plain stream
 */
public record StreamSpec(String name, int shards, StreamRole role,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Plain.class) Boolean aggregated) {
  public StreamSpec {
    aggregated = Boolean.TRUE.equals(aggregated);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    if (shards < 1) {
      throw new IllegalArgumentException("stream " + name + " needs at least one shard, not " + shards);
    }
    if (aggregated.booleanValue() && role != StreamRole.REPARTITION) {
      throw new IllegalArgumentException("stream " + name + " is a " + role.name().toLowerCase(java.util.Locale.ROOT)
          + " stream: only repartition streams are aggregated, since outside producers and consumers read the others");
    }
  }

  /** A plain stream: one record per Kinesis record. */
  public StreamSpec(String name, int shards, StreamRole role) {
    this(name, shards, role, false);
  }

  /** The same stream, aggregated or not. */
  public StreamSpec aggregated(boolean packed) {
    return new StreamSpec(name, shards, role, packed);
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
