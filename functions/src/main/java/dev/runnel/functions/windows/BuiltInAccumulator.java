package dev.runnel.functions.windows;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.runnel.plan.AggregateKind;

/**
 * The accumulator of the built-in aggregations: count, sum, min and max of one numeric field. Each aggregation keeps
 * only the fields it uses ({@link #keptFor}); the others stay empty, and the stored form leaves empty fields out
 * ({@link BuiltInAccumulatorJson}).
 *
 * @param count how many records
 * @param sum   their sum
 * @param min   the smallest value (positive infinity when empty)
 * @param max   the largest value (negative infinity when empty)
 */
@JsonSerialize(using = BuiltInAccumulatorJson.Writer.class)
@JsonDeserialize(using = BuiltInAccumulatorJson.Reader.class)
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

  /** The fields {@code kind} reads, the others emptied: COUNT keeps the count, AVERAGE the count and sum. */
  public BuiltInAccumulator keptFor(AggregateKind kind) {
    return switch (kind) {
      case COUNT -> new BuiltInAccumulator(count, 0, EMPTY.min, EMPTY.max);
      case SUM -> new BuiltInAccumulator(0, sum, EMPTY.min, EMPTY.max);
      case AVERAGE -> new BuiltInAccumulator(count, sum, EMPTY.min, EMPTY.max);
      case MIN -> new BuiltInAccumulator(0, 0, min, EMPTY.max);
      case MAX -> new BuiltInAccumulator(0, 0, EMPTY.min, max);
      case FUNCTION -> this;
    };
  }
}
