package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which clock a time window follows. */
public enum WindowTime {
  /** The records' event time: a window fires when the watermark passes its end. */
  @JsonProperty("event") EVENT,
  /**
   * The stage's processing time: a record belongs to the window holding its arrival time (never one that already
   * fired), and a window fires when the stage's processing time passes its end.
   */
  @JsonProperty("processing") PROCESSING
}
