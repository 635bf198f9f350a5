package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event-time interval join of two keyed nodes: {@code R name(L left, T right)}, called once for every pair of a
 * left and a right record with the same key where {@code left.t + lowerBound ≤ right.t ≤ left.t + upperBound} (both
 * bounds inclusive, as Flink's {@code between}), as soon as the second record of the pair arrives. Returns {@code R},
 * {@code Optional<R>} or {@code Iterable<R>}, as a {@link KeyedProcess}. Both inputs must be keyed by fields of one
 * type and read sources with {@link EventTime}; see docs/joins.md.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IntervalJoin {
  /** The left input: a source stream or an operator, keyed ({@link KeyBy}). */
  String left();

  /** The right input: a source stream or an operator, keyed by a field of the left key's type. */
  String right();

  /** The earliest right time relative to the left record's, an ISO-8601 duration, may be negative ("-PT5S"). */
  String lowerBound();

  /** The latest right time relative to the left record's, an ISO-8601 duration, at least {@code lowerBound}. */
  String upperBound();
}
