package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event-time window join of two keyed nodes: {@code R name(L left, T right)} or
 * {@code R name(L left, T right, JoinWindow window)}, called once for every pair of a left and a right record with the
 * same key in the same window, when the watermark passes the window's end. Returns {@code R}, {@code Optional<R>} or
 * {@code Iterable<R>}, as a {@link KeyedProcess}. Both inputs must be keyed by fields of one type and read sources
 * with {@link EventTime}; see docs/joins.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WindowJoin {
  /** The left input: a source stream or an operator, keyed ({@link KeyBy}). */
  String left();

  /** The right input: a source stream or an operator, keyed by a field of the left key's type. */
  String right();

  /** The tumbling window length, an ISO-8601 duration ("PT10S"). Windows are aligned to the epoch. */
  String size();
}
