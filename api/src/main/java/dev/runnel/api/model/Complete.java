package dev.runnel.api.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method {@code R name(T in, A answer)} that asks a chat model about each record and gets a typed answer: the
 * model must answer JSON matching record {@code A} (its JSON schema is sent), which is parsed into {@code A}. An answer
 * that does not match is retried, then sent to the dead letters with what did not match.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Complete {
  /** The {@link Model} to call, by name. */
  String model();

  /** The prompt; {@code {field}} is replaced by that field of the input record, {@code {{}} by a brace. */
  String prompt();

  /** The node this operator reads. Empty: the only node producing T. */
  String from() default "";
}
