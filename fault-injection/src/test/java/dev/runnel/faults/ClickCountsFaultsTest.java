package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.functions.exactlyonce.CommitStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Each failure mode of docs/exactly-once.md, alone, on ClickCounts: per-user counts must equal the clean run's. */
class ClickCountsFaultsTest {

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, mode = EnumSource.Mode.MATCH_NONE, names = {"ROUND_.*", "MODEL_.*", "SNAPSHOT_.*"})
  void crashAfterEachCommitStep(CommitStep step) {
    FaultKind crash = FaultKind.crashAfter(step);
    assertExact(FaultPlan.none(100 + step.ordinal()).with(crash, 0.35), crash);
  }

  @Test
  void crashAfterSomeOutputsWereWritten() {
    assertExact(FaultPlan.none(201).with(FaultKind.CRASH_MID_OUTPUTS, 0.3), FaultKind.CRASH_MID_OUTPUTS);
  }

  @Test
  void crashBetweenTheStateWritesOfTwoKeys() {
    assertExact(FaultPlan.none(202).with(FaultKind.CRASH_MID_STATE, 0.08), FaultKind.CRASH_MID_STATE);
  }

  @Test
  void duplicateAndResplitDeliveries() {
    FaultReport report = assertExact(FaultPlan.none(203).with(FaultKind.DUPLICATE_DELIVERY, 0.5)
        .with(FaultKind.RESPLIT_DELIVERY, 0.5), FaultKind.DUPLICATE_DELIVERY);
    assertThat(report.injected()).containsKey(FaultKind.RESPLIT_DELIVERY);
  }

  @Test
  void zombieNextToItsRetry() {
    assertExact(FaultPlan.none(204).with(FaultKind.ZOMBIE, 0.6), FaultKind.ZOMBIE);
  }

  @Test
  void dynamoDbThrottling() {
    assertExact(FaultPlan.none(205).with(FaultKind.DYNAMODB_THROTTLE, 0.15), FaultKind.DYNAMODB_THROTTLE);
  }

  @Test
  void kinesisPartialFailures() {
    assertExact(FaultPlan.none(206).with(FaultKind.KINESIS_PARTIAL_FAILURE, 0.5), FaultKind.KINESIS_PARTIAL_FAILURE);
  }

  @Test
  void shardSplitMidRun() {
    assertExact(FaultPlan.none(207).with(FaultKind.SHARD_SPLIT, 1.0), FaultKind.SHARD_SPLIT);
  }

  @Test
  void shardMergeMidRun() {
    assertExact(FaultPlan.none(208).with(FaultKind.SHARD_MERGE, 1.0), FaultKind.SHARD_MERGE);
  }

  private static FaultReport assertExact(FaultPlan plan, FaultKind expectedFault) {
    FaultReport report = SharedHarness.check(ClickCounts.class, plan);
    assertThat(report.injected().getOrDefault(expectedFault, 0L)).as("faults of kind %s injected; %s",
        expectedFault, report).isPositive();
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
    return report;
  }
}
