package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.faults.jobs.SprinkledInput;
import dev.runnel.faults.jobs.SprinkledJob;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.FaultRun;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.localrunner.esm.LaneHash;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keyed stages with a ParallelizationFactor of 4 and 10 (docs/exactly-once.md, "Parallel lanes"): concurrent batches
 * per shard, each partition key in one lane, lanes finishing out of order, with the faults of docs/exactly-once.md;
 * outputs, dead letters and keyed state must equal the failure-free run with one batch per shard. Lanes are picked
 * with both of the local driver's lane hashes, so nothing depends on how Lambda picks them.
 */
class ParallelLanesFaultsTest {
  private static final int USERS = 40;
  private static final int CLICKS = 480;
  private static RunOutput reference;

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, mode = EnumSource.Mode.MATCH_NONE, names = {"ROUND_.*", "MODEL_.*", "SNAPSHOT_.*"})
  void crashAfterEachCommitStepWithFourLanes(CommitStep step) {
    FaultKind crash = FaultKind.crashAfter(step);
    assertExact(4, LaneHash.CRC32C, FaultPlan.none(400 + step.ordinal()).with(crash, 0.35), crash);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 10})
  void crashesMidWriteZombiesAndRedeliveries(int lanes) {
    LaneHash hash = lanes == 4 ? LaneHash.FNV1A : LaneHash.CRC32C;
    FaultPlan faults = FaultPlan.none(500 + lanes).with(FaultKind.CRASH_MID_OUTPUTS, 0.15)
        .with(FaultKind.CRASH_MID_STATE, 0.08).with(FaultKind.ZOMBIE, 0.3)
        .with(FaultKind.DUPLICATE_DELIVERY, 0.3).with(FaultKind.RESPLIT_DELIVERY, 0.3);
    FaultReport report = assertExact(lanes, hash, faults, FaultKind.ZOMBIE);
    assertThat(report.injected()).containsKeys(FaultKind.CRASH_MID_OUTPUTS, FaultKind.DUPLICATE_DELIVERY);
  }

  @Test
  void tenLanesWithThrottlingPartialFailuresAndCrashes() {
    FaultPlan faults = FaultPlan.none(610).with(FaultKind.DYNAMODB_THROTTLE, 0.1)
        .with(FaultKind.KINESIS_PARTIAL_FAILURE, 0.3).with(FaultKind.crashAfter(CommitStep.STATE_WRITTEN), 0.2)
        .with(FaultKind.crashAfter(CommitStep.OUTPUTS_WRITTEN), 0.2);
    assertExact(10, LaneHash.FNV1A, faults, FaultKind.KINESIS_PARTIAL_FAILURE);
  }

  @Test
  void shardSplitWithFourLanes() {
    assertExact(4, LaneHash.CRC32C, FaultPlan.none(620).with(FaultKind.SHARD_SPLIT, 1.0).with(FaultKind.ZOMBIE, 0.2),
        FaultKind.SHARD_SPLIT);
  }

  /**
   * Bad records in lanes: operators that throw, unknown failures ({@link InternalError}) counted per lane batch,
   * narrowed and isolated, and keys grown past what can be stored, with random faults. The planner refuses lanes in
   * this job (its keyed stage writes a stream, whose readers' dedup memory would grow without bound), so the test sets
   * the factor on the plan: memory, not correctness, is what the planner guards there.
   */
  @ParameterizedTest
  @ValueSource(longs = {71, 72})
  void badRecordsAreDeadLetteredOnceInLanes(long seed) {
    Plan plan = withLanes(SharedHarness.plan(SprinkledJob.class), 4);
    SprinkledInput input = SprinkledInput.generate(seed);
    RunOptions options = RunOptions.defaults().withPollInterval(Duration.ofMillis(50))
        .withInputs(List.of(input.source())).withLaneHash(seed % 2 == 0 ? LaneHash.CRC32C : LaneHash.FNV1A);
    RunOutput sprinkledReference = SharedHarness.get().reference(SharedHarness.plan(SprinkledJob.class),
        options.withLaneHash(LaneHash.CRC32C));
    assertThat(SprinkledRunCheck.of(plan, input, sprinkledReference).problems()).isEmpty();
    FaultRun run = SharedHarness.get().runKeepingOutput(plan, options, null, FaultPlan.random(seed),
        sprinkledReference);
    System.out.println("[fault-injection] sprinkled in 4 lanes, seed " + seed + ": " + run.report());
    assertThat(SprinkledRunCheck.of(plan, input, run.output()).problems()).as(run.report().toString()).isEmpty();
    assertThat(run.report().exactlyOnce()).as(run.report().toString()).isTrue();
  }

  /** ClickCounts with {@code lanes} lanes per shard of its keyed stage and {@code faults}, against the 1-lane run. */
  private static FaultReport assertExact(int lanes, LaneHash hash, FaultPlan faults, FaultKind expectedFault) {
    Plan plan = withLanes(Planner.plan(ClickCounts.class, StateLayout.KEYS), lanes); // lanes keep the per-key layout
    // batches of 8 records: every lane runs many batches, so lanes overtake each other again and again
    Map<String, BatchingSpec> small = new HashMap<>();
    plan.stages().stream().filter(StageSpec::keyed)
        .forEach(s -> small.put(s.id(), new BatchingSpec(8, 0, true, -1, lanes)));
    FaultReport report = SharedHarness.get().run(plan, options().withLaneHash(hash).withBatching(small), faults,
        reference());
    System.out.println("[fault-injection] ClickCounts in " + lanes + " lanes: " + report);
    assertThat(report.injected().getOrDefault(expectedFault, 0L)).as("faults of kind %s injected; %s",
        expectedFault, report).isPositive();
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
    return report;
  }

  /** The failure-free run with one batch per shard at a time (the plan as planned), cached. */
  private static synchronized RunOutput reference() {
    if (reference == null) {
      Plan plan = Planner.plan(ClickCounts.class, StateLayout.KEYS); // its keyed state is compared, key by key
      assertThat(plan.stages()).allSatisfy(s -> assertThat(s.batching().parallelizationFactor()).isEqualTo(1));
      reference = SharedHarness.get().reference(plan, options());
    }
    return reference;
  }

  /**
   * The plan with {@code lanes} as the ParallelizationFactor of its keyed stages: what the planner makes of
   * {@code @KeyBy(parallelization = lanes)} (KeyParallelizationTest in the planner checks that).
   */
  static Plan withLanes(Plan plan, int lanes) {
    List<StageSpec> stages = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      stages.add(stage.keyed() ? stage.withBatching(stage.batching().withParallelizationFactor(lanes)) : stage);
    }
    return plan.withStages(stages);
  }

  /** {@value #CLICKS} clicks of {@value #USERS} users over 7 pages, in a fixed order. */
  private static RunOptions options() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < CLICKS; i++) {
      int user = (i * 7 + i / USERS) % USERS;
      lines.append("{\"user\":\"u").append(user).append("\",\"page\":\"/p").append((i * 3 + user) % 7)
          .append("\",\"at\":").append(1_763_700_000_000L + i * 100L).append("}\n");
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    return RunOptions.defaults().withPollInterval(Duration.ofMillis(50)).withInputs(List.of(
        new InputSource("clicks-in", "generated clicks", () -> new ByteArrayInputStream(bytes))));
  }
}
