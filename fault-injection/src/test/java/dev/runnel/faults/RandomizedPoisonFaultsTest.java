package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.faults.jobs.SprinkledInput;
import dev.runnel.faults.jobs.SprinkledInput.BadKind;
import dev.runnel.faults.jobs.SprinkledJob;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.FaultRun;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Bad records sprinkled into random fault mixes: per seed, a {@link SprinkledInput} (good readings with bad records of
 * every {@link BadKind} at random positions, drawn from the seed) runs through {@link SprinkledJob} failure-free, then
 * with {@code FaultPlan.random(seed)}. Both runs must hold exactly the dead letters and outputs the input implies
 * ({@link SprinkledRunCheck}, computed from the input, not from a run), and the faulty run must equal the failure-free
 * one (0 lost, 0 duplicated, same keyed state and dead letters). {@code -Drunnel.soak.runs=N} runs N seeds (a soak);
 * {@code -Drunnel.faults.seed=S} starts from seed S, to replay a failure.
 */
class RandomizedPoisonFaultsTest {
  private static final int DEFAULT_RUNS = 2;

  @Test
  void sprinkledBadRecordsAreDeadLetteredOnceAndEveryGoodRecordAppliedOnce() {
    int runs = Integer.getInteger("runnel.soak.runs", DEFAULT_RUNS);
    long first = Long.getLong("runnel.faults.seed", new Random().nextInt(1_000_000));
    System.out.println("[fault-injection] sprinkled: " + runs + " runs from seed " + first
        + " (replay with -Drunnel.faults.seed=" + first + ")");
    SharedHarness.get();
    long started = System.nanoTime();
    Plan plan = SharedHarness.plan(SprinkledJob.class);
    Tally tally = new Tally();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long seed = first + i;
      SprinkledInput input = SprinkledInput.generate(seed);
      RunOptions options = RunOptions.defaults().withPollInterval(Duration.ofMillis(50))
          .withInputs(List.of(input.source()));
      long referenceStarted = System.nanoTime();
      RunOutput reference = SharedHarness.get().reference(plan, options);
      long referenceMillis = (System.nanoTime() - referenceStarted) / 1_000_000;
      SprinkledRunCheck referenceCheck = SprinkledRunCheck.of(plan, input, reference);
      FaultRun run = SharedHarness.get().runKeepingOutput(plan, options, null, FaultPlan.random(seed), reference);
      SprinkledRunCheck check = SprinkledRunCheck.of(plan, input, run.output());
      FaultReport report = run.report();
      List<String> problems = new ArrayList<>();
      referenceCheck.problems().forEach(p -> problems.add("failure-free run: " + p));
      check.problems().forEach(p -> problems.add("faulty run: " + p));
      boolean right = problems.isEmpty() && report.exactlyOnce();
      tally.add(seed, input, check, report, right);
      System.out.println("[fault-injection] sprinkled seed " + seed + ": " + (right ? "RIGHT" : "WRONG") + ", "
          + input.lines().size() + " records, bad " + new TreeMap<>(input.bad()) + ", dead-lettered "
          + new TreeMap<>(check.deadLettered()) + ", failure-free run in " + referenceMillis + " ms\n" + report
          + (problems.isEmpty() ? "" : "  " + String.join("\n  ", problems) + "\n"));
      if (!right) {
        failures.add("seed " + seed + ": " + problems + "\n" + report);
      }
    }
    System.out.println("[fault-injection] sprinkled: " + runs + " seeds from " + first + " in "
        + (System.nanoTime() - started) / 1_000_000_000 + " s; " + tally);
    assertThat(failures).as("runs with a bad record not dead-lettered exactly once, or records lost or duplicated")
        .isEmpty();
  }

  /** What the runs injected, sprinkled and found. */
  private static final class Tally {
    private int runs;
    private long lost;
    private long duplicated;
    private long discarded;
    private final List<Long> wrongSeeds = new ArrayList<>();
    private final Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
    private final Map<BadKind, Long> sprinkled = new EnumMap<>(BadKind.class);
    private final Map<BadKind, Long> deadLettered = new EnumMap<>(BadKind.class);

    void add(long seed, SprinkledInput input, SprinkledRunCheck check, FaultReport report, boolean right) {
      runs++;
      lost += report.lost();
      duplicated += report.duplicated();
      discarded += report.discardedRecords();
      if (!right) {
        wrongSeeds.add(seed);
      }
      report.injected().forEach((kind, n) -> injected.merge(kind, n, Long::sum));
      input.bad().forEach((kind, n) -> sprinkled.merge(kind, (long) n, Long::sum));
      check.deadLettered().forEach((kind, n) -> deadLettered.merge(kind, (long) n, Long::sum));
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder().append(runs).append(" runs; faults injected per kind ")
          .append(injected).append("; per bad-record kind, dead-lettered/expected:");
      sprinkled.forEach((kind, n) -> text.append(' ').append(kind).append('=')
          .append(deadLettered.getOrDefault(kind, 0L)).append('/').append(n));
      return text.append("; lost ").append(lost).append(", duplicated ").append(duplicated).append(", discarded ")
          .append(discarded).append(wrongSeeds.isEmpty() ? "" : "; wrong: seeds " + wrongSeeds).toString();
    }
  }
}
