package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.faults.jobs.BroadcastLimits;
import dev.runnel.faults.jobs.BroadcastLimitsInput;
import dev.runnel.faults.run.SinkDiff;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.plan.StateLayout;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broadcast state under failures (docs/broadcast.md): a crash after every commit step, in both layouts, duplicate
 * deliveries, and reshards of the check's stream in the log layout. Alerts and committed state (the broadcast state of every shard included) must equal the failure-free
 * run's: every limit applied exactly once on every shard, in its place among the orders.
 */
class BroadcastFaultsTest {

  /** Every commit step a batch of BroadcastLimits reaches, per layout: compaction's steps only in the log layout. */
  static Stream<Arguments> commitSteps() {
    return Stream.of(StateLayout.values()).flatMap(layout -> Stream.of(CommitStep.values())
        .filter(step -> !step.name().startsWith("ROUND_") && !step.name().startsWith("MODEL_"))
        .filter(step -> layout == StateLayout.LOG || !step.name().startsWith("SNAPSHOT_"))
        .map(step -> Arguments.of(layout, step)));
  }

  @ParameterizedTest
  @MethodSource("commitSteps")
  void crashAfterEachCommitStep(StateLayout layout, CommitStep step) {
    FaultKind crash = FaultKind.crashAfter(step);
    assertExact(layout, FaultPlan.none(1600 + step.ordinal()).with(crash, crash.compacts() ? 1.0 : 0.35), crash);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void duplicateAndResplitDeliveries(StateLayout layout) {
    assertExact(layout, FaultPlan.none(1650).with(FaultKind.DUPLICATE_DELIVERY, 0.5)
        .with(FaultKind.RESPLIT_DELIVERY, 0.5), FaultKind.DUPLICATE_DELIVERY);
  }

  /**
   * The check's stream split mid-run, in the log layout: the writer sends copies to the children as soon as one lands
   * where its listing does not know, before any record that follows the broadcast record, and each child starts from
   * its parent's broadcast state (the per-key layout does not copy it yet, docs/broadcast.md).
   */
  @Test
  void splitOfTheChecksStreamMidRun() {
    assertExactAcrossReshard(FaultPlan.none(1660).with(FaultKind.REPARTITION_SPLIT, 1.0), FaultKind.REPARTITION_SPLIT);
  }

  @Test
  void mergeOfTheChecksStreamMidRun() {
    assertExactAcrossReshard(FaultPlan.none(1661).with(FaultKind.REPARTITION_MERGE, 1.0), FaultKind.REPARTITION_MERGE);
  }

  /**
   * Alerts and dead letters as in the failure-free run, and every key's state; the broadcast state is one per open
   * shard, so a split adds one (a merge removes one), each holding every limit change applied once.
   */
  private static void assertExactAcrossReshard(FaultPlan plan, FaultKind kind) {
    FaultReport report = SharedHarness.check(BroadcastLimits.class, StateLayout.LOG, plan);
    assertThat(report.injected()).as(report.toString()).containsEntry(kind, 1L);
    assertThat(report.sinks()).as(report.toString()).filteredOn(diff -> !diff.kind().equals("state"))
        .isNotEmpty().allMatch(SinkDiff::exact);
    SinkDiff state = report.sinks().stream().filter(diff -> diff.kind().equals("state")).findFirst().orElseThrow();
    assertThat(state.lost() + state.duplicated()).as(report.toString()).isEqualTo(1);
    assertThat(state.examples()).as(report.toString()).singleElement().asString()
        .contains("broadcast {\"check/broadcast\":{\"" + BroadcastLimits.CHANGES + "\":"
            + BroadcastLimitsInput.EVENTS / 20 + ",");
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
  }

  private static FaultReport assertExact(StateLayout layout, FaultPlan plan, FaultKind expectedFault) {
    FaultReport report = SharedHarness.check(BroadcastLimits.class, layout, plan);
    assertThat(report.injected().getOrDefault(expectedFault, 0L)).as("faults of kind %s injected; %s",
        expectedFault, report).isPositive();
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
    return report;
  }
}
