package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a window operator groups a key's records: by time (event or processing time) or by count. */
public enum WindowKind {
  /** Fixed, non-overlapping windows of {@code sizeMillis}, aligned to the epoch. */
  @JsonProperty("tumbling") TUMBLING,
  /** Windows of {@code sizeMillis} starting every {@code slideMillis}; a record belongs to size/slide windows. */
  @JsonProperty("sliding") SLIDING,
  /** Per key, records closer than {@code gapMillis} form one window; windows merge as records arrive. */
  @JsonProperty("session") SESSION,
  /**
   * Per key, windows of {@code count} records starting every {@code countSlide} records (tumbling when equal); a
   * window fires when its last record arrives.
   */
  @JsonProperty("count") COUNT
}
