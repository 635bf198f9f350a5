package dev.runnel.api;

import java.util.Map;

/**
 * The rules a {@link KeyedProcess} with {@code broadcast} reads, as Flink's {@code ReadOnlyBroadcastState}: a map
 * kept per shard, the same on every shard, changed only by the operator's {@link OnBroadcast} method.
 *
 * @param <K> the map's key type (a string, number or enum), stored as JSON
 * @param <V> the value type, stored as JSON
 */
public interface ReadOnlyBroadcastState<K, V> {
  /** The value for {@code key}, or null. */
  V get(K key);

  /** True when {@code key} has a value. */
  boolean contains(K key);

  /** A read-only snapshot of all entries. */
  Map<K, V> entries();
}
