package dev.runnel.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.StateLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query, driven through the real StageHandler of each of its stages by the bench driver, emits exactly the rows
 * of its plain-Java reference, window by window. 30,000 events at 1,000 events per second: 30 s of event time, so
 * windows and sessions close during the run as well as at its end. No timing is asserted.
 */
class NexmarkQueriesMatchReferenceTest {
  @ParameterizedTest
  @EnumSource(NexmarkQuery.class)
  void outputRowsEqualTheReference(NexmarkQuery query) {
    RunFigures run = NexmarkRun.run(new RunSettings(query, 30_000, 1_000, 1_000));
    assertThat(run.differences()).isEmpty();
    assertThat(run.outputRows()).isPositive();
    assertThat(run.invocations()).isGreaterThanOrEqualTo(30);
  }

  /** The same with every keyed stage keeping its state one item per key (docs/exactly-once.md). */
  @ParameterizedTest
  @EnumSource(NexmarkQuery.class)
  void outputRowsEqualTheReferenceInThePerKeyLayout(NexmarkQuery query) {
    RunFigures run = NexmarkRun.run(new RunSettings(query, 30_000, 1_000, 1_000, StateLayout.KEYS));
    assertThat(run.differences()).isEmpty();
    assertThat(run.outputRows()).isPositive();
  }

  /** The same with aggregated repartition streams (docs/aggregation.md). */
  @ParameterizedTest
  @EnumSource(NexmarkQuery.class)
  void outputRowsEqualTheReferenceWithAggregatedRepartitionStreams(NexmarkQuery query) {
    RunFigures run = NexmarkRun.run(new RunSettings(query, 30_000, 1_000, 1_000, StateLayout.LOG, true));
    assertThat(run.differences()).isEmpty();
    assertThat(run.outputRows()).isPositive();
  }
}
