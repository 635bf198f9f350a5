package dev.runnel.inference.ratelimit;

import java.time.Clock;
import java.util.Objects;

/**
 * A token bucket in this process (see {@link Allowance} for its burst and rate), for unit tests and single-process
 * local runs. Thread-safe.
 */
public final class InMemoryTokenBucket extends WaitingLimiter {
  private final BucketRule rule;
  private final Clock clock;
  private BucketState state;

  /** A full bucket admitting {@code requestsPerMinute} and {@code tokensPerMinute} (0 = no limit for either). */
  public InMemoryTokenBucket(int requestsPerMinute, long tokensPerMinute, Clock clock) {
    this(requestsPerMinute, tokensPerMinute, clock, Sleeper.THREAD);
  }

  InMemoryTokenBucket(int requestsPerMinute, long tokensPerMinute, Clock clock, Sleeper sleeper) {
    super(sleeper);
    this.rule = new BucketRule(requestsPerMinute, tokensPerMinute);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.state = rule.full(clock.millis());
  }

  @Override
  synchronized long tryTake(int requests, long tokens) {
    Admission admission = rule.admit(state, clock.millis(), requests, tokens);
    state = admission.next();
    return admission.waitMillis();
  }
}
