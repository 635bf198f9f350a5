package dev.runnel.api.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method {@code R name(T in, Label label)} that asks a chat model to put each record into exactly one of
 * {@link #labels()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Classify {
  /** The {@link Model} to call, by name. */
  String model();

  /** The prompt; {@code {field}} is replaced by that field of the input record. */
  String prompt();

  /** The labels; the answer is exactly one of them. */
  String[] labels();

  /** The node this operator reads. Empty: the only node producing T. */
  String from() default "";
}
