package dev.runnel.api;

import java.util.Map;

/**
 * A map per key.
 *
 * @param <K> the map's key type (a string, number or enum), stored as JSON
 * @param <V> the value type, stored as JSON
 */
public interface MapState<K, V> {
  /** The value for {@code key}, or null. */
  V get(K key);

  /** Sets the value for {@code key}; a null value removes it. */
  void put(K key, V value);

  /** Removes {@code key}. */
  void remove(K key);

  /** True when {@code key} has a value. */
  boolean contains(K key);

  /** A read-only snapshot of all entries. */
  Map<K, V> entries();

  /** Removes all entries. */
  void clear();
}
