package dev.runnel.plan;

import java.util.Objects;

/**
 * The incremental aggregation of a window operator.
 *
 * @param kind     a built-in aggregation, or {@code function}
 * @param field    the numeric field that sum, min, max and average read; null for count and function
 * @param function the fully qualified AggregateFunction class for {@code function}; null otherwise
 */
public record AggregateSpec(AggregateKind kind, String field, String function) {
  public AggregateSpec {
    Objects.requireNonNull(kind, "kind");
    if ((kind == AggregateKind.FUNCTION) != (function != null)) {
      throw new IllegalArgumentException("an aggregate names a function class if and only if its kind is function");
    }
  }
}
