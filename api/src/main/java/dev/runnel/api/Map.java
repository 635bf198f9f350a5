package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A method {@code R name(T in)} that turns each record into exactly one record. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Map {
  /** The node whose records this map reads: a source stream or another operator method. Empty: the only node producing T. */
  String from() default "";
}
