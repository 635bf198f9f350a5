package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Incremental aggregation for a {@link Window} method: each record is added to the window's accumulator as it
 * arrives, and the method receives the result. Use a built-in {@link #kind()} (with {@link #field()} for all but
 * {@link Kind#COUNT}) or a user {@link #function()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Aggregate {
  /** A built-in aggregation; ignored when {@link #function()} is set. */
  Kind kind() default Kind.COUNT;

  /** The numeric record component that {@link Kind#SUM}, {@link Kind#MIN}, {@link Kind#MAX} and {@link Kind#AVERAGE} read. */
  String field() default "";

  /** A user aggregation, whose input type must accept the window's records; it must implement {@code merge} for sessions. */
  @SuppressWarnings("rawtypes")
  Class<? extends AggregateFunction> function() default AggregateFunction.class;

  /** The built-in aggregations and their result types. */
  enum Kind {
    /** The number of records, a {@code Long}. */
    COUNT,
    /**
     * The sum of {@link #field()}: an exact {@code Long} for a {@code byte}, {@code short}, {@code int} or
     * {@code long} field (a sum that overflows a long fails the record), a {@code Double} for a floating-point one.
     */
    SUM,
    /** The smallest value of {@link #field()}, a {@code Double}. */
    MIN,
    /** The largest value of {@link #field()}, a {@code Double}. */
    MAX,
    /** The mean of {@link #field()}, a {@code Double}. */
    AVERAGE
  }
}
