package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an operator method does with each record. */
public enum OperatorKind {
  /** {@code boolean m(T)}: keeps the record when true. */
  @JsonProperty("filter") FILTER,
  /** {@code R m(T)}: one record out per record in. */
  @JsonProperty("map") MAP,
  /** {@code Iterable<R> m(T)}: zero or more records out per record in. */
  @JsonProperty("flat-map") FLAT_MAP,
  /** {@code R m(T, state handles...)}: keyed and stateful; returns R, Optional, Iterable or void. */
  @JsonProperty("process") PROCESS,
  /** {@code T m(T accumulated, T next)}: a keyed running reduction, emitting the reduced value. */
  @JsonProperty("reduce") REDUCE,
  /** {@code R m(Windowed<V>)}: event-time windows of a keyed stream, fired by the watermark. */
  @JsonProperty("window") WINDOW,
  /** The late-data side output of a window operator ({@code from}): records later than its allowed lateness. */
  @JsonProperty("late") LATE,
  /** A side output of the operator in {@code from}: the records its method emitted to that {@code SideOutput}. */
  @JsonProperty("side") SIDE,
  /** {@code R m(T, A answer)}: calls a model once per record (chat, classify or embed) and combines the answer. */
  @JsonProperty("inference") INFERENCE,
  /**
   * {@code R m(L left, T right[, JoinWindow])}: an event-time window join of two keyed nodes, reading their records
   * tagged by side from one stream ({@link JoinSpec}); called per pair when the watermark passes a window's end.
   */
  @JsonProperty("window-join") WINDOW_JOIN,
  /**
   * {@code R m(L left, T right)}: an event-time interval join of two keyed nodes, reading their records tagged by side
   * from one stream ({@link JoinSpec} with bounds); called per pair as soon as its second record arrives.
   */
  @JsonProperty("interval-join") INTERVAL_JOIN;

  /** True for a join of two inputs, window or interval. */
  public boolean joins() {
    return this == WINDOW_JOIN || this == INTERVAL_JOIN;
  }

}
