package dev.runnel.api;

/**
 * Combines two values into one; must be deterministic. Implementations need a public no-argument constructor.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface ReduceFunction<T> {
  /** The combination of {@code accumulated} and {@code next}. */
  T reduce(T accumulated, T next);
}
