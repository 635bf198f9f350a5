package dev.runnel.inference.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, remembering per thread the last time it told. A bucket reads its clock once per attempt, so
 * after acquire returns, {@link #lastRead()} is the time the bucket admitted the request at. With one clock shared by
 * every instance and writes conditional on the version read, that time is also the refill time the bucket stored.
 */
final class DecisionClock extends Clock {
  private final ThreadLocal<Long> last = new ThreadLocal<>();

  /** The last time this thread read from the clock. */
  long lastRead() {
    return last.get();
  }

  @Override
  public long millis() {
    long now = System.currentTimeMillis();
    last.set(now);
    return now;
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
    return this;
  }
}
