package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a table is part of a job. */
public enum TableRole {
  /** A table sink: one item per output record. */
  @JsonProperty("sink") SINK,
  /** Records a stage could not process, with payload, error and position. */
  @JsonProperty("dead-letter") DEAD_LETTER,
  /** Keyed state of the stateful stages (exactly-once issue). */
  @JsonProperty("state") STATE,
  /** Checkpoint epochs per (stage, shard) (exactly-once issue). */
  @JsonProperty("checkpoint") CHECKPOINT,
  /**
   * The shard state log of the stages with keyed state (docs/state-log.md): partition key {@code pk}
   * ({@code <stage>|<shard>}), sort key {@code sk}; no TTL.
   */
  @JsonProperty("state-log") STATE_LOG,
  /** Each (stage, shard)'s published watermark: partition key {@code stage}, sort key {@code shard}. */
  @JsonProperty("progress") PROGRESS,
  /** The index of pending timers and window ends per (stage, shard): partition key {@code pk}, sort key {@code sk}. */
  @JsonProperty("timers") TIMERS,
  /**
   * Model answers, stored before they are used so that a replay never calls the model again: partition key {@code pk}
   * (stage and record identity), sort key {@code sk} (operator, model, version, prompt hash), TTL attribute
   * {@code expiresAt}.
   */
  @JsonProperty("inference-results") INFERENCE_RESULTS,
  /** The token buckets that rate-limit each model across every function instance: partition key {@code bucket}. */
  @JsonProperty("rate-limits") RATE_LIMITS
}
