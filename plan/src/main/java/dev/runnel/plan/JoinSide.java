package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which input of a join a record feeds; it tags the record on the join's stream ({@code {"left": {...}}}). */
public enum JoinSide {
  @JsonProperty("left") LEFT,
  @JsonProperty("right") RIGHT;

  /** The tag written around a record of this side on the join stream. */
  public String tag() {
    return this == LEFT ? "left" : "right";
  }
}
