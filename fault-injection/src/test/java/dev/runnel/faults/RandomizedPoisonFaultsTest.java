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
import dev.runnel.plan.StateLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Bad records sprinkled into random fault mixes: per seed, a {@link SprinkledInput} (good readings with bad records of
 * every {@link BadKind} at random positions, drawn from the seed) runs through {@link SprinkledJob} failure-free, then
 * with {@code FaultPlan.random(seed, logLayout)}, its keyed stage in the state layout of the seed
 * ({@link SoakSettings#layout(long)}). Both runs must hold exactly the dead letters and outputs the input implies
 * ({@link SprinkledRunCheck}, computed from the input, not from a run), and the faulty run must equal the failure-free
 * one (0 lost, 0 duplicated, same keyed state and dead letters). {@code -Drunnel.soak.runs=N} runs N seeds (a soak);
 * {@code -Drunnel.faults.seed=S} starts from seed S, to replay a failure (see {@link SoakSettings}). Each run's line
 * (its failure-free run included in its seconds) is printed as it finishes, a running tally every few seeds, and the
 * final tally with every fault kind ({@link SoakTally}).
 */
class RandomizedPoisonFaultsTest {

  @Test
  void sprinkledBadRecordsAreDeadLetteredOnceAndEveryGoodRecordAppliedOnce() {
    SoakSettings settings = SoakSettings.fromProperties();
    settings.mode().requireInProcess("RandomizedPoisonFaultsTest");
    SharedHarness.get();
    SoakTally tally = new SoakTally("sprinkled", settings);
    BadKinds badKinds = new BadKinds();
    for (int i = 0; i < settings.runs(); i++) {
      long seed = settings.seed(i);
      long started = System.nanoTime();
      SprinkledInput input = SprinkledInput.generate(seed);
      StateLayout layout = settings.layout(seed);
      Plan plan = SharedHarness.plan(SprinkledJob.class, layout);
      try {
        tally.add(run(plan, seed, input, started, badKinds).inLayout(layout));
      } catch (RuntimeException e) {
        e.printStackTrace(System.out);
        tally.add(SoakRun.failed("SprinkledJob", seed, input.lines().size(), (System.nanoTime() - started) / 1e9, e)
            .inLayout(layout));
      }
      tally.seedDone();
    }
    List<String> wrong = tally.finish();
    System.out.println("[soak sprinkled]   per bad-record kind, dead-lettered/expected: " + badKinds);
    assertThat(wrong).as("runs with a bad record not dead-lettered exactly once, or records lost or duplicated")
        .isEmpty();
  }

  /** The failure-free and the faulty run of one seed, checked against the input and each other. */
  private static SoakRun run(Plan plan, long seed, SprinkledInput input, long started, BadKinds badKinds) {
    RunOptions options = RunOptions.defaults().withPollInterval(Duration.ofMillis(50))
        .withInputs(List.of(input.source()));
    RunOutput reference = SharedHarness.get().reference(plan, options);
    SprinkledRunCheck referenceCheck = SprinkledRunCheck.of(plan, input, reference);
    boolean logLayout = plan.stages().stream().anyMatch(stage -> stage.layout() == StateLayout.LOG);
    FaultRun run = SharedHarness.get().runKeepingOutput(plan, options, null, FaultPlan.random(seed, logLayout),
        reference);
    SprinkledRunCheck check = SprinkledRunCheck.of(plan, input, run.output());
    FaultReport report = run.report();
    List<String> problems = new ArrayList<>();
    referenceCheck.problems().forEach(p -> problems.add("failure-free run: " + p));
    check.problems().forEach(p -> problems.add("faulty run: " + p));
    boolean right = problems.isEmpty() && report.exactlyOnce();
    badKinds.add(input, check);
    if (!right) {
      System.out.println("[soak sprinkled] seed " + seed + ": bad " + new TreeMap<>(input.bad())
          + ", dead-lettered " + new TreeMap<>(check.deadLettered()) + "\n" + report);
    }
    return new SoakRun("SprinkledJob", seed, right, input.lines().size(), SoakRun.deadLetters(report),
        (System.nanoTime() - started) / 1e9, report, String.join("; ", problems));
  }

  /** Per kind of bad record, how many were sprinkled and how many the faulty runs dead-lettered. */
  private static final class BadKinds {
    private final Map<BadKind, Long> sprinkled = new EnumMap<>(BadKind.class);
    private final Map<BadKind, Long> deadLettered = new EnumMap<>(BadKind.class);

    void add(SprinkledInput input, SprinkledRunCheck check) {
      input.bad().forEach((kind, n) -> sprinkled.merge(kind, (long) n, Long::sum));
      check.deadLettered().forEach((kind, n) -> deadLettered.merge(kind, (long) n, Long::sum));
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      sprinkled.forEach((kind, n) -> text.append(text.length() == 0 ? "" : " ").append(kind).append('=')
          .append(deadLettered.getOrDefault(kind, 0L)).append('/').append(n));
      return text.toString();
    }
  }
}
