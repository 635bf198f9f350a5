package dev.runnel.modelserver.faults;

import dev.runnel.modelserver.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/** A plan in force: the plan plus a request counter per rule. Thread-safe; one per {@code faults(...)} call. */
public final class ActiveFaults {
  private final Faults plan;
  private final List<AtomicLong> counters;

  /** Puts {@code plan} in force with fresh counters. */
  public ActiveFaults(Faults plan) {
    this.plan = plan;
    this.counters = IntStream.range(0, plan.rules().size()).mapToObj(i -> new AtomicLong()).toList();
  }

  /** The plan in force. */
  public Faults plan() {
    return plan;
  }

  /**
   * Decides the faults for one request to {@code endpoint} with prompt text {@code prompt}. Synchronized: a request
   * takes its place in every rule's count at once. Counted rule by rule, a request descheduled between two rules let
   * later ones overtake it in the second: with "the first malformed" before "the first two off schema", three answers
   * were spoiled instead of two (ModelCallsFaultsTest seed 602 on a loaded machine).
   */
  public synchronized FaultDecision decide(Endpoint endpoint, String prompt) {
    Duration delay = Duration.ZERO;
    FaultAction outcome = null;
    for (int i = 0; i < plan.rules().size(); i++) {
      FaultRule rule = plan.rules().get(i);
      if (!rule.appliesTo(endpoint)) {
        continue;
      }
      long ordinal = counters.get(i).incrementAndGet();
      if (!rule.trigger().fires(ordinal, prompt, plan.seed(), i)) {
        continue;
      }
      if (rule.action() instanceof FaultAction.Latency latency) {
        delay = delay.plus(latency.at(SeededDraw.unit(plan.seed() ^ 0x5eed, i, ordinal)));
      } else if (outcome == null) {
        outcome = rule.action();
      }
    }
    return new FaultDecision(delay, outcome);
  }
}
