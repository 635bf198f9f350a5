package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares event time on a {@link Source} record type: which field holds each record's time, how far out of order
 * records may arrive, and when a quiet shard stops holding the watermark back. Windows and event-time timers
 * downstream use it; see docs/time.md.
 *
 * <p>The field is epoch milliseconds (a {@code long}, {@code int} or numeric JSON value) or an ISO-8601 instant
 * ({@code java.time.Instant}, or a string such as {@code "2026-11-21T10:15:30Z"}).
 *
 * <p>Event times are checked where they enter, at the source: a record whose time is negative (unless
 * {@link #allowNegative()}) or more than {@link #maxAhead()} ahead of its arrival in the stream goes to the dead
 * letters (error type {@code event_time}) and does not move the watermark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventTime {
  /** The record component holding the record's event time. */
  String field();

  /**
   * The bound on out-of-orderness, an ISO-8601 duration ("PT5S"): a shard's watermark is the highest event time it
   * has seen minus this bound, so a record up to this much older than the newest one is still on time.
   */
  String maxOutOfOrderness() default "PT0S";

  /**
   * After how long without records (processing time) a source shard is idle, as an ISO-8601 duration ("PT1M"): an
   * idle shard no longer holds back the watermark of the stages it feeds, until it receives records again. Empty:
   * shards are never idle, so one quiet shard holds every downstream window open.
   */
  String idleAfter() default "";

  /**
   * How far a record's event time may be ahead of its arrival in the source stream (Kinesis' approximate arrival
   * timestamp), as an ISO-8601 duration ("P1D"). A record further ahead, from a producer with a wrong clock or a
   * mistyped year, would move its shard's watermark into the future and make every other record late: it goes to the
   * dead letters instead. Empty: no bound.
   */
  String maxAhead() default "P1D";

  /**
   * Whether event times before 1970-01-01T00:00:00Z (negative epoch milliseconds) are accepted. By default a negative
   * time is taken for a missing or garbled value and the record goes to the dead letters.
   */
  boolean allowNegative() default false;
}
