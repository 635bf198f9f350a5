package dev.runnel.api;

/**
 * One value per key.
 *
 * @param <T> the value type, stored as JSON
 */
public interface ValueState<T> {
  /** The key's value, or null when it has none. */
  T value();

  /** The key's value, or {@code fallback} when it has none. */
  default T valueOr(T fallback) {
    T value = value();
    return value != null ? value : fallback;
  }

  /** Replaces the key's value; null clears it. */
  void update(T value);

  /** Removes the key's value. */
  void clear();
}
