package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a window's firings after its first one see. */
public enum FiringMode {
  /** Every record of the window so far. */
  @JsonProperty("accumulating") ACCUMULATING,
  /** Only the records since the window's previous firing; a window with nothing new does not fire. */
  @JsonProperty("discarding") DISCARDING
}
