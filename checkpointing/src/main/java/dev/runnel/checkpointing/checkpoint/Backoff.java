package dev.runnel.checkpointing.checkpoint;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a checkpoint store resends a request DynamoDB throttled: exponential backoff with full jitter.
 *
 * @param maxAttempts attempts in total, the first included (at least 1)
 * @param baseDelay   the delay cap before the first retry; it doubles with every retry
 * @param maxDelay    the largest delay cap
 */
public record Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** 8 attempts, 50 ms doubling up to 2 s: about 5 s of waiting at worst, well inside a Lambda invocation. */
  public static final Backoff DEFAULT = new Backoff(8, Duration.ofMillis(50), Duration.ofSeconds(2));

  /** Checks the attempt count and that no delay is negative. */
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

  /** Sleeps a random delay in [0, min(maxDelay, baseDelay * 2^(retry-1))] before retry {@code retry} (1-based). */
  public void pauseBefore(int retry) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(Math.max(retry - 1, 0), 20));
    if (cap <= 0) {
      return;
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off before retry " + retry, e);
    }
  }
}
