package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.faults.jobs.PoisonJob;
import dev.runnel.faults.jobs.WindowedJob;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.SinkDiff;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StreamRole;
import dev.runnel.plan.StreamSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * In both state layouts where the harness reshards them (a child shard of a log-layout stage adopts its parents'
 * state through the ListShards lineage), splits and merges of a repartition stream (between two stages) while the stage reading it consumes it: the local
 * event source mapping must drain a parent before its children, and the keyed stage must apply each record once
 * across the reshard, alone and with crashes, duplicate deliveries and zombies around it. Every run must equal the
 * failure-free one: sinks, dead letters and keyed state.
 */
class RepartitionReshardFaultsTest {

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void splitOfTheRepartitionStreamOfATwoStageKeyedJob(StateLayout layout) {
    FaultReport report = SharedHarness.check(PoisonJob.class, layout, FaultPlan.none(1201)
        .with(FaultKind.REPARTITION_SPLIT, 1.0));

    assertResharded(PoisonJob.class, report, FaultKind.REPARTITION_SPLIT);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void mergeOfTheRepartitionStreamOfATwoStageKeyedJobWithCrashesAndZombies(StateLayout layout) {
    FaultReport report = SharedHarness.check(PoisonJob.class, layout, FaultPlan.none(1202)
        .with(FaultKind.REPARTITION_MERGE, 1.0)
        .with(FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN, 0.15)
        .with(FaultKind.CRASH_MID_STATE, 0.1)
        .with(FaultKind.DUPLICATE_DELIVERY, 0.2)
        .with(FaultKind.ZOMBIE, 0.2));

    assertResharded(PoisonJob.class, report, FaultKind.REPARTITION_MERGE);
    assertThat(report.totalInjected()).isGreaterThan(3);
  }

  /**
   * OrderRouting's stream by customer feeds a stage with event time, which ticks every shard of its input: in the log
   * layout a tick must not adopt a child's state before its parents are drained (seed 1203 lost 12 updates when it
   * did).
   */
  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void splitOfARepartitionStreamReadByAStageWithEventTime(StateLayout layout) {
    FaultReport report = SharedHarness.check(OrderRouting.class, layout, FaultPlan.none(1203)
        .with(FaultKind.REPARTITION_SPLIT, 1.0)
        .with(FaultKind.SHARD_MERGE, 1.0)
        .with(FaultKind.CRASH_AFTER_STATE_WRITTEN, 0.15)
        .with(FaultKind.RESPLIT_DELIVERY, 0.2));

    assertResharded(OrderRouting.class, report, FaultKind.REPARTITION_SPLIT);
    assertThat(report.injected()).containsEntry(FaultKind.SHARD_MERGE, 1L);
  }

  /**
   * WindowedJob's windowed stage in the log layout, its input merged mid-run among soak seed 13010's random faults
   * (crashes at every step, rounds included, zombies, redeliveries): the child adopts the parents' windows and starts
   * at their furthest time, so a record late for its parent goes to the late output on the child too. When the
   * child's watermark started anew, this seed lost 6 window results and duplicated 6.
   */
  @Test
  void mergeOfAWindowedStagesInputInTheLogLayout() {
    FaultReport report = SharedHarness.check(WindowedJob.class, StateLayout.LOG, FaultPlan.random(13010, true));

    assertResharded(WindowedJob.class, report, FaultKind.REPARTITION_MERGE);
  }

  private static void assertResharded(Class<?> job, FaultReport report, FaultKind kind) {
    List<String> repartitionStreams = SharedHarness.plan(job).streams().stream()
        .filter(s -> s.role() == StreamRole.REPARTITION).map(StreamSpec::name).toList();
    assertThat(report.injected()).as(report.toString()).containsEntry(kind, 1L);
    assertThat(report.faults()).as("the reshard names a repartition stream of %s", repartitionStreams)
        .anyMatch(line -> repartitionStreams.stream().anyMatch(s -> line.startsWith(kind + " at " + s + " ")));
    assertThat(report.sinks()).extracting(SinkDiff::kind).contains("state");
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
  }
}
