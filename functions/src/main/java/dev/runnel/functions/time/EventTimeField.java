package dev.runnel.functions.time;

import dev.runnel.functions.output.KeyField;
import dev.runnel.plan.EventTimeSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads a source record's event time from its declared field: epoch milliseconds as a number, or an ISO-8601
 * instant as {@link Instant} or text; and tells whether a time read is in the source's accepted range.
 */
public final class EventTimeField {
  private final KeyField field;
  private final EventTimeRange range;

  private EventTimeField(KeyField field, EventTimeRange range) {
    this.field = field;
    this.range = range;
  }

  /** The reader of {@code field} on {@code type}, accepting any time but the reserved ones. */
  public static EventTimeField resolve(Class<?> type, String field) {
    return new EventTimeField(KeyField.resolve(type, field), EventTimeRange.ANY);
  }

  /** The reader of the event time {@code spec} declares on {@code type}, with its accepted range. */
  public static EventTimeField resolve(Class<?> type, EventTimeSpec spec) {
    return new EventTimeField(KeyField.resolve(type, spec.field()), EventTimeRange.of(spec));
  }

  /**
   * Why {@code time} is outside the accepted range for a record that arrived at {@code arrivalMillis}; empty when it
   * is inside.
   */
  public Optional<String> outsideRange(long time, long arrivalMillis) {
    return range.violation(time, arrivalMillis, field.name());
  }

  /** The field's name. */
  public String name() {
    return field.name();
  }

  /** The event time of {@code record} in epoch milliseconds; IllegalArgumentException if absent or unreadable. */
  public long of(Object record) throws Throwable {
    Object value = field.valueOf(record);
    if (value == null) {
      throw new IllegalArgumentException("event time field '" + field.name() + "' is null");
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof CharSequence text) {
      String s = text.toString();
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (RuntimeException notInstant) {
        try {
          return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (RuntimeException notOffset) {
          return Long.parseLong(s);
        }
      }
    }
    throw new IllegalArgumentException("event time field '" + field.name() + "' holds a "
        + value.getClass().getName() + ", not epoch milliseconds or an ISO-8601 instant");
  }
}
