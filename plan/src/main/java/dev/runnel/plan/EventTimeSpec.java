package dev.runnel.plan;

import java.util.Objects;

/**
 * Where a source's records carry their event time, and how the source's watermark follows it.
 *
 * @param field                   the record field holding the event time (epoch millis or ISO-8601 instant)
 * @param maxOutOfOrdernessMillis a shard's watermark is the highest event time seen minus this
 * @param idleAfterMillis         after this long without records a shard is idle and excluded from downstream
 *                                watermarks; 0 for never
 */
public record EventTimeSpec(String field, long maxOutOfOrdernessMillis, long idleAfterMillis) {
  public EventTimeSpec {
    Objects.requireNonNull(field, "field");
    if (maxOutOfOrdernessMillis < 0 || idleAfterMillis < 0) {
      throw new IllegalArgumentException("event time bounds must not be negative");
    }
  }
}
