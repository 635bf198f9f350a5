package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method {@code R name(T in)} that maps each record to exactly one record (Flink's and Kafka Streams' {@code map}).
 * Named so that it clashes with nothing in {@code java.lang}, {@code java.util} or {@code java.util.function}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MapEach {
  /**
   * The node whose records this map reads: a source stream or another operator method. Several nodes emitting
   * one type make a union, e.g. {@code from = {"web-clicks", "app-clicks"}}. Empty: the only node producing T.
   */
  String[] from() default {};
}
