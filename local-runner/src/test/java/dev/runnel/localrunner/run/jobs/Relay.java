package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;

/** A job with a stream sink: each line, as is, to {@code relay-out}. */
@StreamingJob("relay")
public class Relay {
  /** A line of input. */
  @Source(stream = "relay-in")
  public record Line(String text) {}

  /** The line, unchanged. */
  @MapEach(from = "relay-in")
  @Sink(stream = "relay-out", key = "text")
  public Line relay(Line line) {
    return line;
  }
}
