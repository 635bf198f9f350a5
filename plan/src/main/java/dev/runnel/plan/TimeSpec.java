package dev.runnel.plan;

import java.util.List;
import java.util.Objects;

/**
 * How a stage of a job with event time or timers tracks its watermark and is woken when no records arrive.
 *
 * @param upstreamStages the stages that write this stage's input stream, whose published watermarks it takes the
 *                       minimum of; empty for a stage that reads a source (its watermark comes from event times)
 * @param tickSeconds    how often the stage is invoked with a tick (an EventBridge schedule in AWS, a timer locally)
 *                       to advance its watermark and fire windows and timers; 0 for a stage that needs no tick
 */
public record TimeSpec(List<String> upstreamStages, long tickSeconds) {
  public TimeSpec {
    upstreamStages = List.copyOf(Objects.requireNonNull(upstreamStages, "upstreamStages"));
    if (tickSeconds < 0) {
      throw new IllegalArgumentException("tickSeconds must not be negative");
    }
  }

  /** True for a stage that reads a source: it computes its watermark from event times. */
  public boolean readsSource() {
    return upstreamStages.isEmpty();
  }
}
