package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which input of a two-input operator a record feeds; it tags the record on the operator's stream
 * ({@code {"left": {...}}}): a join's left or right input, or a broadcast operator's keyed ({@code data}) or
 * broadcast input.
 */
public enum JoinSide {
  @JsonProperty("left") LEFT,
  @JsonProperty("right") RIGHT,
  @JsonProperty("data") DATA,
  @JsonProperty("broadcast") BROADCAST;

  /** The tag written around a record of this side on the join stream. */
  public String tag() {
    return switch (this) {
      case LEFT -> "left";
      case RIGHT -> "right";
      case DATA -> "data";
      case BROADCAST -> "broadcast";
    };
  }
}
