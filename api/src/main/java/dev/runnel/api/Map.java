package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method {@code R name(T in)} that turns each record into exactly one record.
 *
 * @deprecated Use {@link MapEach}, which means the same: {@code Map} clashes with {@code java.util.Map}, so a job
 *     importing both {@code dev.runnel.api.*} and {@code java.util.*} does not compile.
 */
@Deprecated(since = "0.1.0")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Map {
  /**
   * The node whose records this map reads: a source stream or another operator method. Several nodes emitting
   * one type make a union, e.g. {@code from = {"web-clicks", "app-clicks"}}. Empty: the only node producing T.
   */
  String[] from() default {};
}
