package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method {@code List<R> name(T in)} (or any {@code Iterable<R>}) that turns each record into zero or more records,
 * emitted in iteration order.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FlatMap {
  /**
   * The node whose records this flat-map reads: a source stream or another operator method. Several nodes emitting
   * one type make a union, e.g. {@code from = {"web-clicks", "app-clicks"}}. Empty: the only node producing T.
   */
  String[] from() default {};
}
