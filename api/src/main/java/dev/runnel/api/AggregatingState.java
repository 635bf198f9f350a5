package dev.runnel.api;

/**
 * An accumulator per key, fed by the state's {@link AggregateFunction}, for example a running average.
 *
 * @param <I> the type of added values
 * @param <O> the type of the result
 */
public interface AggregatingState<I, O> {
  /** The aggregate's result, or null when nothing was added. */
  O get();

  /** Adds one value to the accumulator. */
  void add(I value);

  /** Forgets the accumulator. */
  void clear();
}
