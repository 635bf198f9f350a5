package dev.runnel.functions.output;

import java.util.Objects;

/**
 * A record for a console sink.
 *
 * @param output the sink's name
 * @param json   the record as JSON
 */
public record ConsoleLine(String output, String json) implements Emission {
  public ConsoleLine {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(json, "json");
  }
}
