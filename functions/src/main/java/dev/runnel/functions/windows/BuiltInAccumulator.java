package dev.runnel.functions.windows;

/**
 * The accumulator of the built-in aggregations: count, sum, min and max of one numeric field, stored as JSON.
 *
 * @param count how many records
 * @param sum   their sum
 * @param min   the smallest value (positive infinity when empty)
 * @param max   the largest value (negative infinity when empty)
 */
public record BuiltInAccumulator(long count, double sum, double min, double max) {
  /** No records. */
  public static final BuiltInAccumulator EMPTY =
      new BuiltInAccumulator(0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  /** With one more value. */
  public BuiltInAccumulator plus(double value) {
    return new BuiltInAccumulator(count + 1, sum + value, Math.min(min, value), Math.max(max, value));
  }

  /** Both accumulators together. */
  public BuiltInAccumulator merge(BuiltInAccumulator other) {
    return new BuiltInAccumulator(count + other.count, sum + other.sum, Math.min(min, other.min),
        Math.max(max, other.max));
  }
}
