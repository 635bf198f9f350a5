package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A keyed, stateful operator, like Flink's {@code KeyedProcessFunction}:
 * {@code R name(T in, @State("s") ValueState<S> s, ...)}. It runs per key, after a {@link KeyBy}, with that key's
 * state handles; Runnel applies each record's effect on state exactly once.
 *
 * <p>Return {@code R} to emit one record, {@code Optional<R>} for zero or one, {@code List<R>} (any
 * {@code Iterable<R>}) for zero or more, or {@code void} to only update state. The method must be deterministic:
 * the same record and state must give the same result, because a record may be replayed after a failure.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface KeyedProcess {
  /** The node this operator reads: a keyed operator or a node in a keyed stage. Empty: the only node producing T. */
  String from() default "";

  /**
   * A node (source stream or operator) whose records are broadcast to every shard of this operator's stage and kept
   * in a broadcast state: the method then takes a {@link ReadOnlyBroadcastState}, and an {@link OnBroadcast} method
   * applies each record. Empty: none.
   */
  String broadcast() default "";
}
