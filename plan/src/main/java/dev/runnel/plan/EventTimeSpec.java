package dev.runnel.plan;

import java.util.Objects;

/**
 * Where a source's records carry their event time, how the source's watermark follows it, and which times the source
 * accepts.
 *
 * @param field                   the record field holding the event time (epoch millis or ISO-8601 instant)
 * @param maxOutOfOrdernessMillis a shard's watermark is the highest event time seen minus this
 * @param idleAfterMillis         after this long without records a shard is idle and excluded from downstream
 *                                watermarks; 0 for never
 * @param maxAheadMillis          a record whose event time is more than this ahead of its arrival is rejected; null
 *                                for no bound
 * @param earliestMillis          a record whose event time is before this (epoch millis) is rejected; null for no bound
 */
public record EventTimeSpec(String field, long maxOutOfOrdernessMillis, long idleAfterMillis, Long maxAheadMillis,
    Long earliestMillis) {
  public EventTimeSpec {
    Objects.requireNonNull(field, "field");
    if (maxOutOfOrdernessMillis < 0 || idleAfterMillis < 0 || (maxAheadMillis != null && maxAheadMillis < 0)) {
      throw new IllegalArgumentException("event time bounds must not be negative");
    }
  }

  /** An event time that accepts any time (as plans written before the accepted range did). */
  public EventTimeSpec(String field, long maxOutOfOrdernessMillis, long idleAfterMillis) {
    this(field, maxOutOfOrdernessMillis, idleAfterMillis, null, null);
  }
}
