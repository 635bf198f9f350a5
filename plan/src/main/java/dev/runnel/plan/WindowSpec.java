package dev.runnel.plan;

import java.util.Objects;

/**
 * The windows of a {@code window} operator.
 *
 * @param kind           tumbling, sliding or session
 * @param sizeMillis     tumbling and sliding: the window length; 0 for sessions
 * @param slideMillis    sliding: the distance between window starts; tumbling: equal to the size; 0 for sessions
 * @param gapMillis      session: the inactivity gap; 0 otherwise
 * @param latenessMillis allowed lateness after the window end
 * @param lateNode       the node receiving records later than that, or null for the dead-letter table
 * @param aggregate      the incremental aggregation, or null for full-window processing (all records kept)
 */
public record WindowSpec(WindowKind kind, long sizeMillis, long slideMillis, long gapMillis, long latenessMillis,
    String lateNode, AggregateSpec aggregate) {
  public WindowSpec {
    Objects.requireNonNull(kind, "kind");
    if (kind == WindowKind.SESSION ? gapMillis <= 0 : sizeMillis <= 0 || slideMillis <= 0) {
      throw new IllegalArgumentException(kind + " windows need a positive " + (kind == WindowKind.SESSION ? "gap" : "size and slide"));
    }
    if (latenessMillis < 0) {
      throw new IllegalArgumentException("allowed lateness must not be negative");
    }
  }
}
