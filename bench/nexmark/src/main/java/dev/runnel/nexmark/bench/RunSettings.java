package dev.runnel.nexmark.bench;

import dev.runnel.plan.StateLayout;

/**
 * One bench run.
 *
 * @param query  the query
 * @param events how many events the generator makes
 * @param batch  the most records a stage handles per invocation (the event source mapping's BatchSize)
 * @param rate   the generator's event-time rate, events per second
 * @param layout where keyed stages keep their state (docs/state-log.md)
 * @param aggregated true when repartition streams carry aggregate records (docs/aggregation.md)
 */
record RunSettings(NexmarkQuery query, long events, int batch, double rate, StateLayout layout, boolean aggregated) {
  RunSettings {
    if (events < 1 || batch < 1 || rate <= 0) {
      throw new IllegalArgumentException("a run needs events, a batch size and a rate above 0");
    }
    java.util.Objects.requireNonNull(layout, "layout");
  }

  /** A run with plain repartition streams. */
  RunSettings(NexmarkQuery query, long events, int batch, double rate, StateLayout layout) {
    this(query, events, batch, rate, layout, false);
  }

  /** A run in the default layout: keyed stages keep their state in a state log. */
  RunSettings(NexmarkQuery query, long events, int batch, double rate) {
    this(query, events, batch, rate, StateLayout.LOG);
  }

  /**
   * The query's label, followed by {@code /keys} when its keyed stages keep their state one item per key (rows of
   * results.csv before the log layout became the default, commit d01cabb, say {@code /log} for it and nothing for
   * the per-key layout), then by {@code /agg} when repartition streams carry aggregates.
   */
  String label() {
    return query.label() + (layout == StateLayout.KEYS ? "/keys" : "") + (aggregated ? "/agg" : "");
  }
}
