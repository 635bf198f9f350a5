package dev.runnel.functions.time;

import dev.runnel.plan.EventTimeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The event times a source accepts (docs/time.md, "Accepted event times"): not before {@code earliestMillis}, not more
 * than {@code maxAheadMillis} ahead of the record's arrival, and never {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE}
 * (no time, and the end of input). A record outside goes to the dead letters and does not move the watermark.
 *
 * @param earliestMillis the earliest accepted time, epoch milliseconds; null for no bound
 * @param maxAheadMillis how far ahead of its arrival a time may be; null for no bound
 */
public record EventTimeRange(Long earliestMillis, Long maxAheadMillis) {
  /** Every time but the two reserved ones. */
  public static final EventTimeRange ANY = new EventTimeRange(null, null);

  /** The range a plan's event time declares. */
  public static EventTimeRange of(EventTimeSpec spec) {
    return new EventTimeRange(spec.earliestMillis(), spec.maxAheadMillis());
  }

  /**
   * Why {@code time}, read from {@code field}, is not accepted for a record that arrived at {@code arrivalMillis}
   * (0 or less: unknown, so not checked against {@code maxAheadMillis}); empty when it is accepted.
   */
  public Optional<String> violation(long time, long arrivalMillis, String field) {
    if (accepts(time, arrivalMillis)) {
      return Optional.empty(); // the common case, without building a message
    }
    String read = "event time " + time + " (" + Instant.ofEpochMilli(time) + ") of field '" + field + "'";
    if (time == Long.MIN_VALUE || time == Long.MAX_VALUE) {
      return Optional.of(read + " is reserved: Long.MIN_VALUE means no time and Long.MAX_VALUE the end of input;"
          + " fix the producer to write the record's real time");
    }
    if (earliestMillis != null && time < earliestMillis) {
      return Optional.of(read + (earliestMillis == 0 ? " is negative (before 1970-01-01T00:00:00Z)"
          : " is before the earliest accepted time " + Instant.ofEpochMilli(earliestMillis))
          + "; fix the producer to write the record's real time, or, if times before 1970 are real,"
          + " set @EventTime(allowNegative = true)");
    }
    if (maxAheadMillis != null && arrivalMillis > 0 && time > SaturatingTime.plus(arrivalMillis, maxAheadMillis)) {
      return Optional.of(read + " is " + ahead(time - arrivalMillis) + " ahead of the record's arrival at "
          + Instant.ofEpochMilli(arrivalMillis) + ", more than @EventTime(maxAhead) allows ("
          + Duration.ofMillis(maxAheadMillis) + "); fix the producer's clock or time field, or raise"
          + " @EventTime(maxAhead) (empty: no bound)");
    }
    return Optional.empty();
  }

  private boolean accepts(long time, long arrivalMillis) {
    return time != Long.MIN_VALUE && time != Long.MAX_VALUE && (earliestMillis == null || time >= earliestMillis)
        && (maxAheadMillis == null || arrivalMillis <= 0
            || time <= SaturatingTime.plus(arrivalMillis, maxAheadMillis));
  }

  /** A span for a message: whole days when it is that long, otherwise ISO-8601. */
  private static String ahead(long millis) {
    Duration span = Duration.ofMillis(millis);
    return span.toDays() >= 2 ? span.toDays() + " days" : span.toString();
  }
}
