package dev.runnel.cli.jobs;

import dev.runnel.api.Filter;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;

/** A job the planner must reject: its name breaks the naming rule. */
@StreamingJob("Bad Name!")
public class BadlyNamedJob {
  /** Some input. */
  @Source(stream = "in")
  public record In(String id) {}

  /** Keeps everything. */
  @Filter(from = "in")
  public boolean keep(In in) {
    return true;
  }
}
