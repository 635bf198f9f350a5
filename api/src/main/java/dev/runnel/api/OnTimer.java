package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a timer registered by a {@link KeyedProcess} operator fires: {@code R name(Timer timer, @State(...) handles...,
 * Timers timers)}. It sees the same key's states as that operator (by the same {@link State} names), may register
 * further timers, and what it returns is emitted from that operator's node, as the operator's own results are.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnTimer {
  /** The {@link KeyedProcess} operator (method name) whose timers this handles. */
  String value();
}
