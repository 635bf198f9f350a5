package dev.runnel.plan;

import java.util.Objects;

/**
 * The windows of a {@code window} operator.
 *
 * @param kind           tumbling, sliding, session or count
 * @param sizeMillis     tumbling and sliding: the window length; 0 for sessions and count windows
 * @param slideMillis    sliding: the distance between window starts; tumbling: equal to the size; 0 for sessions
 *                       and count windows
 * @param gapMillis      session: the inactivity gap; 0 otherwise
 * @param latenessMillis allowed lateness after the window end; 0 for count and processing-time windows
 * @param lateNode       the node receiving records later than that, or null for the dead-letter table
 * @param aggregate      the incremental aggregation, or null for full-window processing (all records kept)
 * @param count          count windows: the records per window; null (absent) otherwise
 * @param countSlide     count windows: the records between window starts, at most {@code count}; null (absent) for
 *                       tumbling count windows and other kinds
 * @param time           the clock time windows follow; null (absent) means {@link WindowTime#EVENT}, and count
 *                       windows follow none
 * @param earlyEveryMillis tumbling windows: early firings at every multiple of this much processing time while the
 *                       window has new records; null (absent): none
 * @param earlyCount     tumbling windows: an early firing each time the window received this many records since it
 *                       last fired; null (absent): none
 * @param firing         what later firings see; null (absent) means {@link FiringMode#ACCUMULATING}
 */
public record WindowSpec(WindowKind kind, long sizeMillis, long slideMillis, long gapMillis, long latenessMillis,
    String lateNode, AggregateSpec aggregate, Long count, Long countSlide, WindowTime time, Long earlyEveryMillis,
    Long earlyCount, FiringMode firing) {
  public WindowSpec {
    if ((earlyEveryMillis != null || earlyCount != null) && kind != WindowKind.TUMBLING) {
      throw new IllegalArgumentException("early firings are for tumbling windows only, not " + kind);
    }
    if (earlyEveryMillis != null && earlyEveryMillis <= 0 || earlyCount != null && earlyCount <= 0) {
      throw new IllegalArgumentException("earlyEveryMillis and earlyCount must be positive");
    }
    Objects.requireNonNull(kind, "kind");
    if (kind == WindowKind.COUNT) {
      if (count == null || count <= 0 || countSlide != null && (countSlide <= 0 || countSlide >= count)) {
        throw new IllegalArgumentException("count windows need a positive count and a countSlide below it, if any");
      }
      if (sizeMillis != 0 || slideMillis != 0 || gapMillis != 0 || latenessMillis != 0 || lateNode != null
          || time != null) {
        throw new IllegalArgumentException("count windows have no size, slide, gap, lateness, late node or time");
      }
    } else {
      if (count != null || countSlide != null) {
        throw new IllegalArgumentException(kind + " windows have no count");
      }
      if (kind == WindowKind.SESSION ? gapMillis <= 0 : sizeMillis <= 0 || slideMillis <= 0) {
        throw new IllegalArgumentException(kind + " windows need a positive "
            + (kind == WindowKind.SESSION ? "gap" : "size and slide"));
      }
    }
    if (latenessMillis < 0) {
      throw new IllegalArgumentException("allowed lateness must not be negative");
    }
    if (time == WindowTime.PROCESSING && (latenessMillis != 0 || lateNode != null)) {
      throw new IllegalArgumentException("processing-time windows have no lateness and no late node");
    }
  }

  /** Event-time windows by time (tumbling, sliding or session). */
  public WindowSpec(WindowKind kind, long sizeMillis, long slideMillis, long gapMillis, long latenessMillis,
      String lateNode, AggregateSpec aggregate) {
    this(kind, sizeMillis, slideMillis, gapMillis, latenessMillis, lateNode, aggregate, null, null, null);
  }

  /** Windows without early firings, accumulating. */
  public WindowSpec(WindowKind kind, long sizeMillis, long slideMillis, long gapMillis, long latenessMillis,
      String lateNode, AggregateSpec aggregate, Long count, Long countSlide, WindowTime time) {
    this(kind, sizeMillis, slideMillis, gapMillis, latenessMillis, lateNode, aggregate, count, countSlide, time, null,
        null, null);
  }

  /** True when later firings see only the records since the previous one. */
  public boolean discards() {
    return firing == FiringMode.DISCARDING;
  }

  /** Count windows of {@code count} records every {@code countSlide} records (null: tumbling). */
  public static WindowSpec ofCount(long count, Long countSlide, AggregateSpec aggregate) {
    return new WindowSpec(WindowKind.COUNT, 0, 0, 0, 0, null, aggregate, count, countSlide, null);
  }

  /** The records between count windows' starts: {@code countSlide}, or {@code count} for tumbling ones. */
  public long countStep() {
    return countSlide != null ? countSlide : count;
  }

  /** True for windows that fire when the stage's processing time passes their end. */
  public boolean followsProcessingTime() {
    return time == WindowTime.PROCESSING;
  }

  /** True when the stage's processing time matters: processing-time windows, or early firings by processing time. */
  public boolean needsProcessingTime() {
    return followsProcessingTime() || earlyEveryMillis != null;
  }

  /** True for windows that fire in firing rounds (by the watermark or processing time): every kind but count. */
  public boolean firesInRounds() {
    return kind != WindowKind.COUNT;
  }
}
