package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.SinkDiff;
import dev.runnel.plan.StateLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo: two stages, a repartition by customer, table and stream sinks, dead letters, under mixed faults, in both
 * state layouts (the source split reshards the first stage's input, which holds no keyed state: the keyed stages
 * read repartition streams, so it applies to the log layout too).
 */
class OrderRoutingFaultsTest {

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void mixedFaultsAcrossARepartition(StateLayout layout) {
    FaultPlan plan = FaultPlan.none(301)
        .with(FaultKind.CRASH_AFTER_PROCESSED, 0.15)
        .with(FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN, 0.15)
        .with(FaultKind.CRASH_AFTER_STATE_WRITTEN, 0.15)
        .with(FaultKind.CRASH_AFTER_CHECKPOINT_COMMITTED, 0.15)
        .with(FaultKind.CRASH_MID_OUTPUTS, 0.15)
        .with(FaultKind.CRASH_MID_STATE, 0.1)
        .with(FaultKind.DUPLICATE_DELIVERY, 0.3)
        .with(FaultKind.RESPLIT_DELIVERY, 0.3)
        .with(FaultKind.ZOMBIE, 0.3)
        .with(FaultKind.DYNAMODB_THROTTLE, 0.05)
        .with(FaultKind.KINESIS_PARTIAL_FAILURE, 0.3)
        .with(FaultKind.SHARD_SPLIT, 1.0);
    if (layout == StateLayout.LOG) {
      plan = plan.with(FaultKind.CRASH_AFTER_SNAPSHOT_WRITTEN, 0.3).with(FaultKind.CRASH_AFTER_SNAPSHOT_COMMITTED, 0.3);
    }
    FaultReport report = SharedHarness.check(OrderRouting.class, layout, plan);

    assertThat(report.totalInjected()).isGreaterThan(10);
    assertThat(report.sinks()).extracting(SinkDiff::kind).contains("table", "stream", "dead-letters", "state");
    assertThat(report.sinks()).filteredOn(s -> s.kind().equals("state")).singleElement()
        .satisfies(state -> assertThat(state.expected())
            .as("a line per customer key (orders-2) and per region key (orders-3), whose windows fired").isEqualTo(14));
    assertThat(report.sinks()).filteredOn(s -> s.kind().equals("dead-letters"))
        .allSatisfy(s -> assertThat(s.expected()).isPositive());
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
  }
}
