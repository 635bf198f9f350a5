package dev.runnel.functions.time;

import dev.runnel.functions.output.KeyField;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads a source record's event time from its declared field: epoch milliseconds as a number, or an ISO-8601
 * instant as {@link Instant} or text.
 */
public final class EventTimeField {
  private final KeyField field;

  private EventTimeField(KeyField field) {
    this.field = field;
  }

  /** The reader of {@code field} on {@code type}. */
  public static EventTimeField resolve(Class<?> type, String field) {
    return new EventTimeField(KeyField.resolve(type, field));
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
