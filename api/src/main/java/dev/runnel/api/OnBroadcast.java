package dev.runnel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Applies a broadcast record to a {@link KeyedProcess} operator's broadcast state, like Flink's
 * {@code processBroadcastElement}: {@code void name(R rule, BroadcastState<K, V> state)}. It runs once for each record
 * of the operator's {@code broadcast} node on every shard of the operator's stage, for no key, before the data records
 * that arrive after it on that shard. It must be deterministic (docs/broadcast.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnBroadcast {
  /** The {@link KeyedProcess} operator (method name) whose broadcast state this updates. */
  String value();
}
