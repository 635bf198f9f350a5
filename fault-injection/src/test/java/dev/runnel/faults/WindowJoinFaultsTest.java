package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.faults.jobs.JoinedJob;
import dev.runnel.faults.jobs.JoinedJobInput;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.faults.run.SinkDiff;
import dev.runnel.faults.run.SinkRecord;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.plan.StateLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tumbling window join ({@link JoinedJob}) under faults, in both state layouts: the failure-free run holds exactly
 * the pairs a nested loop over both inputs finds, and a run that crashes after every commit step (each at some of its
 * opportunities; the firing round's steps, which are few, at 40% of them in batches and at each in ticks) and has batches delivered twice or split differently gives the
 * failure-free run's table, stream, dead letters, keyed state and final watermarks: 0 lost, 0 duplicated.
 */
class WindowJoinFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void theFailureFreeRunHoldsTheNestedLoopPairs(StateLayout layout) throws IOException {
    RunOutput run = SharedHarness.reference(JoinedJob.class, layout);
    Set<String> expected = JoinedJobInput.expectedPairs();
    assertThat(expected).as("the inputs make pairs").hasSizeGreaterThan(80);
    assertThat(pairs(run.tables().get("joined-pairs"))).isEqualTo(expected);
    List<String> streamed = new ArrayList<>();
    Set<String> identities = new HashSet<>();
    for (SinkRecord record : run.streams().get("joined-pairs-out")) {
      if (record.identity().map(identities::add).orElse(true)) { // a copy written twice is dropped by its identity
        streamed.add(record.data());
      }
    }
    assertThat(streamed).as("one record per pair on the stream").hasSize(expected.size());
    assertThat(pairs(streamed)).isEqualTo(expected);
    assertThat(run.deadLetters()).as("the two broken lines; nothing late").hasSize(2)
        .noneMatch(d -> d.contains(" late "));
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void crashesAfterEveryCommitStepAndRedeliveries(StateLayout layout) {
    FaultPlan plan = FaultPlan.none(1600 + layout.ordinal())
        .with(FaultKind.DUPLICATE_DELIVERY, 0.2)
        .with(FaultKind.RESPLIT_DELIVERY, 0.2);
    List<FaultKind> crashes = steps(layout).map(FaultKind::crashAfter).toList();
    for (FaultKind crash : crashes) {
      boolean round = crash.name().contains("ROUND_");
      plan = plan.with(crash, crash.compacts() ? 1.0 : round ? 0.4 : 0.2);
      plan = round ? plan.withInTicks(crash, 1.0) : plan; // rounds are few; FaultDice cuts a streak
    }
    FaultReport report = SharedHarness.check(JoinedJob.class, layout, plan);

    assertThat(report.injected().keySet()).as(report.toString())
        .containsAll(crashes.stream().filter(c -> !c.compacts()).toList())
        .contains(FaultKind.DUPLICATE_DELIVERY, FaultKind.RESPLIT_DELIVERY);
    assertThat(report.sinks()).extracting(SinkDiff::kind).contains("table", "stream", "dead-letters", "time");
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
  }

  /** The commit steps a window join's stages reach in {@code layout} (no model calls; snapshots in the log only). */
  private static Stream<CommitStep> steps(StateLayout layout) {
    return Stream.of(CommitStep.values()).filter(step -> step != CommitStep.MODEL_ANSWERS_STORED)
        .filter(step -> layout == StateLayout.LOG || !step.name().startsWith("SNAPSHOT_"));
  }

  private static Set<String> pairs(List<String> json) throws IOException {
    Set<String> pairs = new TreeSet<>();
    for (String text : json) {
      JsonNode pair = JSON.readTree(text);
      pairs.add(pair.get("person").asLong() + "@" + pair.get("auction").asLong() + "@" + pair.get("start").asLong());
    }
    return pairs;
  }
}
