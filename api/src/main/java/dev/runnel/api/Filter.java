package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method {@code boolean name(T in)} that keeps the records for which it returns true. Its output is the same
 * records, of type T, under the method's name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Filter {
  /**
   * The node whose records this filter reads: a source stream or another operator method. Several nodes emitting
   * one type make a union, e.g. {@code from = {"web-clicks", "app-clicks"}}. Empty: the only node producing T.
   */
  String[] from() default {};
}
