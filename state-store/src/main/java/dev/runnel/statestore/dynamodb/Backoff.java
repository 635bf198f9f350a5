package dev.runnel.statestore.dynamodb;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently the store resends what DynamoDB throttled or left unprocessed: exponential backoff
 * with full jitter.
 *
 * @param maxAttempts attempts in total, the first one included (at least 1)
 * @param baseDelay   the delay cap before the first retry; it doubles with every retry
 * @param maxDelay    the largest delay cap
 */
public record Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** 8 attempts, 25 ms doubling up to 1 s (at most about 3 s of waiting). */
  public static final Backoff DEFAULT = new Backoff(8, Duration.ofMillis(25), Duration.ofSeconds(1));

  public Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** The same number of attempts without waiting, for tests. */
  public static Backoff immediate(int maxAttempts) {
    return new Backoff(maxAttempts, Duration.ZERO, Duration.ZERO);
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
