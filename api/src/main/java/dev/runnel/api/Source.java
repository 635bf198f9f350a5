package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record type, nested in the job class, as the type of the records on an input stream. Operators name
 * the source by its stream in their {@code from}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Source {
  /** The Kinesis stream the records are read from. */
  String stream();

  /** How many shards the stream has (or is created with, locally and by the generated template). */
  int shards() default 1;

  /** How a record's bytes become an instance of the annotated type; JSON unless set. */
  Class<? extends Codec> codec() default Codec.Json.class;

  /**
   * Whether the JSON codec refuses values of the wrong type ({@link Decoding#STRICT}, the default) or converts them
   * ({@link Decoding#LENIENT}). Applies to the built-in JSON codec only; a user codec decides for itself.
   */
  Decoding decoding() default Decoding.STRICT;
}
