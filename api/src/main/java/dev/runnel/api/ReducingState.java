package dev.runnel.api;

/**
 * A value per key that each added value is combined into with the state's {@link ReduceFunction}.
 *
 * @param <T> the value type, stored as JSON
 */
public interface ReducingState<T> {
  /** The reduced value, or null when nothing was added. */
  T get();

  /** Combines {@code value} into the reduced value. */
  void add(T value);

  /** Forgets the reduced value. */
  void clear();
}
