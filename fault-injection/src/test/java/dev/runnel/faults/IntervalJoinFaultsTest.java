package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.faults.jobs.IntervalJoinedJob;
import dev.runnel.faults.jobs.JoinedJobInput;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.faults.run.SinkDiff;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.plan.StateLayout;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An interval join ({@link IntervalJoinedJob}) under faults, in both state layouts: the failure-free run holds exactly
 * the pairs a nested loop over both inputs finds, and a run that crashes after every commit step (record steps at
 * 20 % of their opportunities; the round steps, in which the buffers' timers fire, at 40 % in batches and at each in
 * ticks) and has batches delivered twice or split differently gives the failure-free run's table, stream, dead
 * letters and final watermarks: pairs are outputs of the record that completes them, so a replay gives the same.
 */
class IntervalJoinFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void theFailureFreeRunHoldsTheNestedLoopPairs(StateLayout layout) throws IOException {
    RunOutput run = SharedHarness.reference(IntervalJoinedJob.class, layout);
    Set<String> expected = JoinedJobInput.expectedIntervalPairs(IntervalJoinedJob.LOWER, IntervalJoinedJob.UPPER);
    assertThat(expected).as("the inputs make pairs").hasSizeGreaterThan(80);
    Set<String> actual = new TreeSet<>();
    for (String item : run.tables().get("interval-pairs")) {
      JsonNode pair = JSON.readTree(item);
      actual.add(pair.get("person").asLong() + "@" + pair.get("auction").asLong());
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(run.tables().get("interval-pairs")).hasSize(expected.size());
    assertThat(run.deadLetters()).as("the two broken lines; nothing late").hasSize(2)
        .noneMatch(d -> d.contains(" late "));
    assertThat(run.keyedState()).as("every buffered record dropped by the final watermark").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void crashesAfterEveryCommitStepAndRedeliveries(StateLayout layout) {
    FaultPlan plan = FaultPlan.none(1700 + layout.ordinal())
        .with(FaultKind.DUPLICATE_DELIVERY, 0.2)
        .with(FaultKind.RESPLIT_DELIVERY, 0.2);
    List<FaultKind> crashes = steps(layout).map(FaultKind::crashAfter).toList();
    for (FaultKind crash : crashes) {
      boolean round = crash.name().contains("ROUND_");
      plan = plan.with(crash, crash.compacts() ? 1.0 : round ? 0.4 : 0.2);
      plan = round ? plan.withInTicks(crash, 1.0) : plan; // rounds are few; FaultDice cuts a streak
    }
    FaultReport report = SharedHarness.check(IntervalJoinedJob.class, layout, plan);

    assertThat(report.injected().keySet()).as(report.toString())
        .containsAll(crashes.stream().filter(c -> !c.compacts() && !c.name().contains("ROUND_")).toList())
        .contains(FaultKind.DUPLICATE_DELIVERY, FaultKind.RESPLIT_DELIVERY);
    assertThat(report.injected().keySet()).as("crashes in firing rounds; %s", report)
        .anyMatch(c -> c.name().contains("ROUND_"));
    assertThat(report.sinks()).extracting(SinkDiff::kind).contains("table", "stream", "dead-letters", "time");
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
  }

  /** The commit steps the stages reach in {@code layout} (no model calls; snapshots in the log only). */
  private static Stream<CommitStep> steps(StateLayout layout) {
    return Stream.of(CommitStep.values()).filter(step -> step != CommitStep.MODEL_ANSWERS_STORED)
        .filter(step -> layout == StateLayout.LOG || !step.name().startsWith("SNAPSHOT_"));
  }
}
