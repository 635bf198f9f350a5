package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.faults.process.ProcessFaultPlan;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.locallambda.IsolatedFunctions;
import dev.runnel.plan.BatchingSpec;
import java.time.Duration;
import java.util.Map;
import dev.runnel.plan.StateLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real process faults on ClickCounts, each stage function instance in its own JVM: processes killed with
 * {@code kill -9} at random commit steps, and processes frozen ({@code SIGSTOP}) before their state write past their
 * timeout, resumed ({@code SIGCONT}) seconds after their retry committed later batches. Outputs and keyed state must
 * equal the failure-free run's. Batches of 10 records give the retries later batches to commit. Kills and zombies
 * run in both state layouts (in the log layout a kill may hit a compaction's steps); the freeze until the run's end
 * in the per-key layout, where a late write could set a key back.
 */
class ProcessFaultsTest {
  // no bisection: a retry is the whole batch again, so the batches answered after it are later ones
  private static final BatchingSpec SMALL_BATCHES = new BatchingSpec(10, 0, false, -1, 1);

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void processesKilledAtRandomCommitSteps(StateLayout layout) {
    ProcessFaultPlan faults = new ProcessFaultPlan(41, 0.08, 0, 0, Duration.ofSeconds(3));
    FaultReport report = run(layout, faults, 20);
    System.out.println("[fault-injection] SIGKILL: " + faults.counts() + "\n" + report + faults.counts().lines());
    assertThat(faults.counts().killed()).as(faults.counts().lines().toString()).isPositive();
    assertExact(report);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void frozenProcessesResumeAfterTheirRetryCommittedLaterBatches(StateLayout layout) {
    ProcessFaultPlan faults = new ProcessFaultPlan(42, 0, 0.3, 1, Duration.ofSeconds(3));
    FaultReport report = run(layout, faults, 6);
    System.out.println("[fault-injection] SIGSTOP: " + faults.counts() + "\n" + report + faults.counts().lines());
    assertThat(faults.counts().stopped()).as(faults.counts().lines().toString()).isPositive();
    assertThat(faults.counts().resumed()).isEqualTo(faults.counts().stopped());
    // at least one zombie came back after its retry had committed, and its writes were refused
    assertThat(faults.counts().fenced()).as(faults.counts().lines().toString()).isPositive();
    assertExact(report);
  }

  @Test
  void frozenProcessesResumeWhenTheRunEndsAfterEveryLaterBatch() {
    // the late writes come last of all: no later batch of a warm process overwrites what a zombie might set back
    ProcessFaultPlan faults = new ProcessFaultPlan(43, 0, 0.3, 1, Duration.ofSeconds(3)).resumingAtRunEnd();
    FaultReport report = run(StateLayout.KEYS, faults, 6);
    System.out.println("[fault-injection] SIGSTOP until the end: " + faults.counts() + "\n" + report
        + faults.counts().lines());
    assertThat(faults.counts().stopped()).as(faults.counts().lines().toString()).isPositive();
    assertThat(faults.counts().fenced()).as(faults.counts().lines().toString()).isPositive();
    assertExact(report);
  }

  private static FaultReport run(StateLayout layout, ProcessFaultPlan faults, int timeoutSeconds) {
    RunOptions options = SharedHarness.options(ClickCounts.class)
        .withBatching(Map.of("clicks-1", SMALL_BATCHES, "clicks-2", SMALL_BATCHES));
    IsolatedFunctions functions = IsolatedFunctions.DEFAULT.withTimeoutSeconds(timeoutSeconds).withFaults(faults);
    return SharedHarness.get().runWith(SharedHarness.plan(ClickCounts.class, layout), options, functions,
        SharedHarness.reference(ClickCounts.class, layout));
  }

  private static void assertExact(FaultReport report) {
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
  }
}
