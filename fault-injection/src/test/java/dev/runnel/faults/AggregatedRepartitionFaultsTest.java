package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.faults.jobs.PoisonJob;
import dev.runnel.faults.jobs.WindowedJob;
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
  private static Plan aggregated(Class<?> job, StateLayout layout) {
    Plan plan = Planner.plan(job, layout, true);
    assertThat(plan.streams()).filteredOn(s -> s.role() == StreamRole.REPARTITION)
        .isNotEmpty().allMatch(StreamSpec::aggregated);
    return plan;
  }

  private static FaultReport check(StateLayout layout, FaultPlan faults) {
    return check(PoisonJob.class, layout, faults);
  }

  private static FaultReport check(Class<?> job, StateLayout layout, FaultPlan faults) {
    Plan plan = aggregated(job, layout);
    RunOutput reference = SharedHarness.get().reference(plan, SharedHarness.options(job), SharedHarness.waves(job));
    FaultReport report = SharedHarness.get().run(plan, SharedHarness.options(job), SharedHarness.waves(job), faults,
        reference);
    System.out.println("[fault-injection] " + job.getSimpleName() + " aggregated (layout " + layout + "): " + report);
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

  /**
   * OrderRouting's stream by customer feeds a stage with event time: watermark markers travel plain on the aggregated
   * stream, between aggregates, and must still reach both children of the split.
   */
  @Test
  void splitOfAnAggregatedStreamReadByAStageWithEventTime() {
    FaultReport report = check(OrderRouting.class, StateLayout.LOG, FaultPlan.none(1304)
        .with(FaultKind.REPARTITION_SPLIT, 1.0)
        .with(FaultKind.CRASH_AFTER_STATE_WRITTEN, 0.15)
        .with(FaultKind.RESPLIT_DELIVERY, 0.2));

    assertExactlyOnce(report, FaultKind.REPARTITION_SPLIT);
  }

  /** WindowedJob, fed in waves (the wave barrier reads sub-record positions), its windowed stage's input merged. */
  @Test
  void mergeOfAWindowedStagesAggregatedInput() {
    FaultReport report = check(WindowedJob.class, StateLayout.LOG, FaultPlan.none(1305)
        .with(FaultKind.REPARTITION_MERGE, 1.0)
        .with(FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN, 0.15)
        .with(FaultKind.ZOMBIE, 0.2));

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
