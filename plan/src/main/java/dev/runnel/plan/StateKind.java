package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of a keyed state, after the handle type that declares it. */
public enum StateKind {
  /** {@code ValueState<T>}: one value. */
  @JsonProperty("value") VALUE,
  /** {@code ListState<T>}: a list. */
  @JsonProperty("list") LIST,
  /** {@code MapState<K, V>}: a map. */
  @JsonProperty("map") MAP,
  /** {@code ReducingState<T>}, or a {@code @Reduce} operator's running value. */
  @JsonProperty("reducing") REDUCING,
  /** {@code AggregatingState<I, O>}: an accumulator. */
  @JsonProperty("aggregating") AGGREGATING,
  /** The open windows of a window operator; type argument: the accumulator type, or the record type (full window). */
  @JsonProperty("window") WINDOW,
  /** The registered timers of a process operator; no type arguments. */
  @JsonProperty("timers") TIMERS,
  /**
   * The broadcast state of a process operator reading a broadcast input: one map per shard, not per key; type
   * arguments: its key and value types (docs/broadcast.md).
   */
  @JsonProperty("broadcast") BROADCAST
}
