package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;

/** A job without event time: nothing to declare at the end of its input. */
@StreamingJob("untimed")
public class Untimed {
  /** A line of input. */
  @Source(stream = "u-in")
  public record Line(String text) {}

  /** The line in upper case. */
  @MapEach(from = "u-in")
  @Sink(console = true)
  public Line upper(Line line) {
    return new Line(line.text().toUpperCase(java.util.Locale.ROOT));
  }
}
