package dev.runnel.inference.calling;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the wait after the n-th failed attempt is {@code base * factor^(n-1)}, at most
 * {@code max}, moved randomly by up to {@code jitter} of itself either way.
 */
record Backoff(Duration base, double factor, Duration max, double jitter) {
  /** 200 ms, doubling, at most 20 s, ±50%. */
  static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), 2, Duration.ofSeconds(20), 0.5);

  /** The wait after {@code failedAttempts} failed attempts (at least 1). */
  Duration after(int failedAttempts) {
    double nanos = Math.min(base.toNanos() * Math.pow(factor, Math.max(0, failedAttempts - 1)), max.toNanos());
    double spread = nanos * jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofNanos((long) Math.max(0, nanos + spread));
  }
}
