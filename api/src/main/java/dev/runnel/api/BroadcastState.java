package dev.runnel.api;

/**
 * The broadcast state as an {@link OnBroadcast} method changes it, as Flink's {@code BroadcastState}: each broadcast
 * record is applied once on every shard of the operator's stage, so changes must depend only on the record and the
 * state.
 *
 * @param <K> the map's key type (a string, number or enum), stored as JSON
 * @param <V> the value type, stored as JSON
 */
public interface BroadcastState<K, V> extends ReadOnlyBroadcastState<K, V> {
  /** Sets the value for {@code key}; a null value removes it. */
  void put(K key, V value);

  /** Removes {@code key}. */
  void remove(K key);

  /** Removes all entries. */
  void clear();
}
