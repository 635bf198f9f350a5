package dev.runnel.api.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A method {@code R name(T in, Embedding embedding)} that embeds a text made from each record. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Embed {
  /** The {@link Model} to call, by name. */
  String model();

  /** The text to embed; {@code {field}} is replaced by that field of the input record. */
  String text();

  /** The node this operator reads. Empty: the only node producing T. */
  String from() default "";
}
