package dev.runnel.functions.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a writer resends what a service did not accept: exponential backoff with full jitter.
 *
 * @param maxAttempts attempts in total, the first one included (at least 1)
 * @param baseDelay   the delay cap before the first retry; it doubles with every retry
 * @param maxDelay    the largest delay cap
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** The runtime's default: 8 attempts, 50 ms doubling up to 2 s (a worst case of about 5 s of waiting). */
  public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(50), Duration.ofSeconds(2));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** The same number of attempts without any waiting, for tests. */
  public static RetryPolicy immediate(int maxAttempts) {
    return new RetryPolicy(maxAttempts, Duration.ZERO, Duration.ZERO);
  }

  /** A random delay in [0, min(maxDelay, baseDelay * 2^(retry-1))] before retry number {@code retry} (1-based). */
  public Duration delayBefore(int retry) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(Math.max(retry - 1, 0), 20));
    return cap <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
  }

  /** Sleeps {@link #delayBefore(int)}; an interrupt is restored and reported as an unchecked exception. */
  public void pauseBefore(int retry) {
    Duration delay = delayBefore(retry);
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off before retry " + retry, e);
    }
  }
}
