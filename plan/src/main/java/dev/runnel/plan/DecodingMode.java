package dev.runnel.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a stage's JSON decoder refuses values of the wrong type or converts them ({@code @Source(decoding)}). */
public enum DecodingMode {
  /** Converts nothing: a value of the wrong type sends the record to the dead letters. The default. */
  @JsonProperty("strict") STRICT,
  /** Converts scalars as Jackson does by default (12.5 to 12, "300" to 300). */
  @JsonProperty("lenient") LENIENT;

  /** Leaves the default out of the JSON plan, so plans of jobs that do not set it stay as they were. */
  static final class OmitStrict {
    @Override
    public boolean equals(Object value) {
      return value == null || value == STRICT;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }
}
