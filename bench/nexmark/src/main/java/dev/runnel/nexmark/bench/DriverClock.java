package dev.runnel.nexmark.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The wall clock the bench gives its handlers: real time plus an offset the driver moves forward before ticking, so
 * that a tick does not leave alone a shard that "just" committed a batch (a tick skips shards active in the last two
 * seconds).
 */
final class DriverClock extends Clock {
  private long offsetMillis;

  /** Moves the clock {@code by} ahead. */
  void advance(Duration by) {
    offsetMillis += by.toMillis();
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMillis;
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
