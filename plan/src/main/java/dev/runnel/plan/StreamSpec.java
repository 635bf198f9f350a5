package dev.runnel.plan;

import java.util.Objects;

/**
 * A Kinesis stream of the job.
 *
 * @param name   the stream name
 * @param shards the shard count it is created with
 * @param role   why the job has it
 */
public record StreamSpec(String name, int shards, StreamRole role) {
  public StreamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    if (shards < 1) {
      throw new IllegalArgumentException("stream " + name + " needs at least one shard, not " + shards);
    }
  }
}
