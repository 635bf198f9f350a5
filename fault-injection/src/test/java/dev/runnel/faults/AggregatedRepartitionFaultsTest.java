package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.faults.jobs.PoisonJob;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.faults.run.SinkDiff;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import dev.runnel.planner.Planner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A two-stage keyed job whose repartition stream carries aggregates (docs/aggregation.md), resharded while the keyed
 * stage reads it, on kinesis-local and DynamoDB Local. The split comes seconds after the producing stage first
 * listed the stream's shards, so its cached listing (a minute) is stale: its aggregates for the split shard land in
 * one child, and the sub-records the other child owns must be re-sent before the batch commits and skipped where they
 * strayed. Every run must equal the failure-free aggregated run: sinks, dead letters and keyed state, none lost or
 * duplicated.
 */
class AggregatedRepartitionFaultsTest {
  private static Plan aggregated(StateLayout layout) {
    Plan plan = Planner.plan(PoisonJob.class, layout, true);
    assertThat(plan.streams()).filteredOn(s -> s.role() == StreamRole.REPARTITION)
        .isNotEmpty().allMatch(StreamSpec::aggregated);
    return plan;
  }

  private static FaultReport check(StateLayout layout, FaultPlan faults) {
    Plan plan = aggregated(layout);
    RunOutput reference = SharedHarness.get().reference(plan, SharedHarness.options(PoisonJob.class));
    FaultReport report = SharedHarness.get().run(plan, SharedHarness.options(PoisonJob.class), faults, reference);
    System.out.println("[fault-injection] PoisonJob aggregated (layout " + layout + "): " + report);
    return report;
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void splitBehindTheProducersShardMap(StateLayout layout) {
    FaultReport report = check(layout, FaultPlan.none(1301).with(FaultKind.REPARTITION_SPLIT, 1.0));

    assertExactlyOnce(report, FaultKind.REPARTITION_SPLIT);
  }

  @Test
  void splitWithCrashesRedeliveriesAndZombies() {
    FaultReport report = check(StateLayout.LOG, FaultPlan.none(1302)
        .with(FaultKind.REPARTITION_SPLIT, 1.0)
        .with(FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN, 0.15)
        .with(FaultKind.CRASH_MID_STATE, 0.1)
        .with(FaultKind.DUPLICATE_DELIVERY, 0.2)
        .with(FaultKind.ZOMBIE, 0.2));

    assertExactlyOnce(report, FaultKind.REPARTITION_SPLIT);
    assertThat(report.totalInjected()).isGreaterThan(3);
  }

  @Test
  void mergeNeedsNoResend() {
    FaultReport report = check(StateLayout.LOG, FaultPlan.none(1303).with(FaultKind.REPARTITION_MERGE, 1.0)
        .with(FaultKind.RESPLIT_DELIVERY, 0.2));

    assertExactlyOnce(report, FaultKind.REPARTITION_MERGE);
  }

  private static void assertExactlyOnce(FaultReport report, FaultKind kind) {
    assertThat(report.injected()).as(report.toString()).containsEntry(kind, 1L);
    assertThat(report.sinks()).extracting(SinkDiff::kind).contains("state");
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
  }
}
