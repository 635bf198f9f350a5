package dev.runnel.testdriver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Processing time as the driver's handlers see it: it stands still until the test moves it, so the same calls give
 * the same outputs (record arrival times, processing-time timers, state expiry, dead letters' failure times).
 */
final class DriverClock extends Clock {
  private long millis;

  DriverClock(Instant start) {
    this.millis = start.toEpochMilli();
  }

  /** Moves the clock {@code by} ahead. */
  synchronized void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("processing time only moves forward, not by " + by);
    }
    millis = Math.addExact(millis, by.toMillis());
  }

  @Override
  public synchronized long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the driver's clock is UTC");
  }
}
