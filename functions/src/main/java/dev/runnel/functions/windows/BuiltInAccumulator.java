package dev.runnel.functions.windows;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.runnel.plan.AggregateKind;

/**
 * The accumulator of the built-in aggregations: count, sum, min and max of one numeric field. Each aggregation keeps
 * only the fields it uses ({@link #keptFor}); the others stay empty, and the stored form leaves empty fields out
 * ({@link BuiltInAccumulatorJson}). The sum of an integral field is also kept exactly, as a long.
 *
 * @param count    how many records
 * @param sum      their sum
 * @param min      the smallest value (positive infinity when empty)
 * @param max      the largest value (negative infinity when empty)
 * @param exactSum the exact sum of an integral field's values, or null when no whole value was added
 */
@JsonSerialize(using = BuiltInAccumulatorJson.Writer.class)
@JsonDeserialize(using = BuiltInAccumulatorJson.Reader.class)
public record BuiltInAccumulator(long count, double sum, double min, double max, Long exactSum) {
  /** No records. */
  public static final BuiltInAccumulator EMPTY =
      new BuiltInAccumulator(0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  /** An accumulator without an exact sum. */
  public BuiltInAccumulator(long count, double sum, double min, double max) {
    this(count, sum, min, max, null);
  }

  /** With one more value. */
  public BuiltInAccumulator plus(double value) {
    return new BuiltInAccumulator(count + 1, sum + value, Math.min(min, value), Math.max(max, value), exactSum);
  }

  /**
   * With one more whole value, added to the exact sum too (which starts from {@link #sum} when a stored accumulator
   * has none yet); throws {@link ArithmeticException} when the exact sum overflows a long.
   */
  public BuiltInAccumulator plusWhole(long value) {
    return new BuiltInAccumulator(count + 1, sum + value, Math.min(min, value), Math.max(max, value),
        Math.addExact(exactOrSum(), value));
  }

  /** Both accumulators together. */
  public BuiltInAccumulator merge(BuiltInAccumulator other) {
    Long exact = exactSum == null && other.exactSum == null ? null
        : Long.valueOf(Math.addExact(exactOrSum(), other.exactOrSum()));
    return new BuiltInAccumulator(count + other.count, sum + other.sum, Math.min(min, other.min),
        Math.max(max, other.max), exact);
  }

  /** The exact sum, or {@link #sum} as a long when there is none. */
  public long exactOrSum() {
    return exactSum != null ? exactSum : (long) sum;
  }

  /**
   * The fields {@code kind} reads, the others emptied: COUNT keeps the count, AVERAGE the count and sum, SUM the exact
   * sum when there is one and the sum otherwise.
   */
  public BuiltInAccumulator keptFor(AggregateKind kind) {
    return switch (kind) {
      case COUNT -> new BuiltInAccumulator(count, 0, EMPTY.min, EMPTY.max);
      case SUM -> exactSum != null ? new BuiltInAccumulator(0, 0, EMPTY.min, EMPTY.max, exactSum)
          : new BuiltInAccumulator(0, sum, EMPTY.min, EMPTY.max);
      case AVERAGE -> new BuiltInAccumulator(count, sum, EMPTY.min, EMPTY.max);
      case MIN -> new BuiltInAccumulator(0, 0, min, EMPTY.max);
      case MAX -> new BuiltInAccumulator(0, 0, EMPTY.min, max);
      case FUNCTION -> this;
    };
  }
}
