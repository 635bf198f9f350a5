package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
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
 * Each failure mode of docs/exactly-once.md, alone, on ClickCounts: per-user counts must equal the clean run's. Modes
 * whose mechanism differs between the state layouts (commit steps, state writes, dedup of redeliveries, zombies,
 * throttled state requests) run in both; the others (outputs, Kinesis, resharding) in the per-key layout, since the
 * log layout changes nothing of them (and resharding a stage in the log layout needs the ListShards lineage, which
 * the local runner does not wire yet: docs/state-log.md).
 */
class ClickCountsFaultsTest {

  /** Every commit step a batch of ClickCounts reaches, per layout: compaction's steps only in the log layout. */
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
    // a shard compacts after its first batch, then every few: each compaction crashes (until a shard has failed
    // FaultPlan.MAX_FAILURE_STREAK times in a row), leaving its snapshot unnamed or its garbage uncollected
    assertExact(layout, FaultPlan.none(100 + step.ordinal()).with(crash, crash.compacts() ? 1.0 : 0.35), crash);
  }

  @Test
  void crashAfterSomeOutputsWereWritten() {
    assertExact(StateLayout.KEYS, FaultPlan.none(201).with(FaultKind.CRASH_MID_OUTPUTS, 0.3),
        FaultKind.CRASH_MID_OUTPUTS);
  }

  /** Per key: between two keys' PutItems. Log: after a prefix of a log entry's or snapshot's BatchWriteItem. */
  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void crashBetweenTheStateWrites(StateLayout layout) {
    assertExact(layout, FaultPlan.none(202).with(FaultKind.CRASH_MID_STATE, layout == StateLayout.LOG ? 0.3 : 0.08),
        FaultKind.CRASH_MID_STATE);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void duplicateAndResplitDeliveries(StateLayout layout) {
    FaultReport report = assertExact(layout, FaultPlan.none(203).with(FaultKind.DUPLICATE_DELIVERY, 0.5)
        .with(FaultKind.RESPLIT_DELIVERY, 0.5), FaultKind.DUPLICATE_DELIVERY);
    assertThat(report.injected()).containsKey(FaultKind.RESPLIT_DELIVERY);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void zombieNextToItsRetry(StateLayout layout) {
    assertExact(layout, FaultPlan.none(204).with(FaultKind.ZOMBIE, 0.6), FaultKind.ZOMBIE);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void dynamoDbThrottling(StateLayout layout) {
    assertExact(layout, FaultPlan.none(205).with(FaultKind.DYNAMODB_THROTTLE, 0.15), FaultKind.DYNAMODB_THROTTLE);
  }

  @Test
  void kinesisPartialFailures() {
    assertExact(StateLayout.KEYS, FaultPlan.none(206).with(FaultKind.KINESIS_PARTIAL_FAILURE, 0.5),
        FaultKind.KINESIS_PARTIAL_FAILURE);
  }

  @Test
  void shardSplitMidRun() {
    assertExact(StateLayout.KEYS, FaultPlan.none(207).with(FaultKind.SHARD_SPLIT, 1.0), FaultKind.SHARD_SPLIT);
  }

  @Test
  void shardMergeMidRun() {
    assertExact(StateLayout.KEYS, FaultPlan.none(208).with(FaultKind.SHARD_MERGE, 1.0), FaultKind.SHARD_MERGE);
  }

  private static FaultReport assertExact(StateLayout layout, FaultPlan plan, FaultKind expectedFault) {
    FaultReport report = SharedHarness.check(ClickCounts.class, layout, plan);
    assertThat(report.injected().getOrDefault(expectedFault, 0L)).as("faults of kind %s injected; %s",
        expectedFault, report).isPositive();
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
    return report;
  }
}
