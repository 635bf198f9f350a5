package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a keyed stage keeps its state (docs/state-log.md). */
public enum StateLayout {
  /** One item per (stage, key), each written with a condition on its version (docs/exactly-once.md). */
  @JsonProperty("keys") KEYS,
  /** Per shard, a snapshot and log entries named by the shard's checkpoint (docs/state-log.md). */
  @JsonProperty("log") LOG
}
