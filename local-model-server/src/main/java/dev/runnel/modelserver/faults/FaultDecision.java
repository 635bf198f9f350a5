package dev.runnel.modelserver.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * What the plan decided for one request.
 *
 * @param delay   latency to add before answering
 * @param outcome the action that decides the outcome, or null to answer normally
 */
public record FaultDecision(Duration delay, FaultAction outcome) {
  /** Answer normally, at once. */
  public static final FaultDecision NONE = new FaultDecision(Duration.ZERO, null);

  public FaultDecision {
    Objects.requireNonNull(delay, "delay");
  }
}
