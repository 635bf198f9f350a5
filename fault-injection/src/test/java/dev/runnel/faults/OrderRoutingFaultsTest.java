package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.SinkDiff;
import org.junit.jupiter.api.Test;

/** The demo: two stages, a repartition by customer, table and stream sinks, dead letters, under mixed faults. */
class OrderRoutingFaultsTest {

  @Test
  void mixedFaultsAcrossARepartition() {
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
    FaultReport report = SharedHarness.check(OrderRouting.class, plan);

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
