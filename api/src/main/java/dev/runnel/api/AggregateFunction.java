package dev.runnel.api;

/**
 * Incremental aggregation, as in Flink: values are added to an accumulator, stored as JSON, whose result is read
 * when needed. Must be deterministic; implementations need a public no-argument constructor.
 *
 * @param <I> the type of added values
 * @param <A> the accumulator type
 * @param <O> the result type
 */
public interface AggregateFunction<I, A, O> {
  /** A new, empty accumulator. */
  A createAccumulator();

  /** The accumulator after adding {@code value}; may return the same instance, changed. */
  A add(I value, A accumulator);

  /** The result for an accumulator. */
  O getResult(A accumulator);

  /** Merges two accumulators (used by session windows); the default refuses. */
  default A merge(A left, A right) {
    throw new UnsupportedOperationException(getClass().getName() + " does not merge accumulators");
  }
}
