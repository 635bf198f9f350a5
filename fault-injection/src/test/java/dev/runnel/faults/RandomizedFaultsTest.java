package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.faults.SharedHarness.ModelRun;
import dev.runnel.faults.jobs.ModeratedReviews;
import dev.runnel.faults.jobs.WindowedJob;
import dev.runnel.faults.run.FaultReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random fault mixes, one seed per run: each seed runs ClickCounts or OrderRouting (alternating), the windowed job
 * (windows and timers, fed in waves) and the inference job (served classifier and in-process embedder, with the model
 * server's faults of {@link ModelCallsFaultsTest#serverFaults()}; its model must also be called once per record), each
 * with {@code FaultPlan.random(seed)}. {@code -Drunnel.soak.runs=N} runs N
 * seeds (a soak); {@code -Drunnel.faults.seed=S} starts from seed S, to replay a failure.
 */
class RandomizedFaultsTest {
  private static final int DEFAULT_RUNS = 2;

  @Test
  void randomFaultMixes() {
    int runs = Integer.getInteger("runnel.soak.runs", DEFAULT_RUNS);
    long first = Long.getLong("runnel.faults.seed", new Random().nextInt(1_000_000));
    System.out.println("[fault-injection] randomized: " + runs + " runs from seed " + first
        + " (replay with -Drunnel.faults.seed=" + first + ")");
    long started = System.nanoTime();
    List<String> failures = new ArrayList<>();
    Map<String, Tally> tallies = new TreeMap<>();
    for (int i = 0; i < runs; i++) {
      long seed = first + i;
      Class<?> classic = seed % 2 == 0 ? ClickCounts.class : OrderRouting.class;
      for (Class<?> job : List.of(classic, WindowedJob.class, ModeratedReviews.class)) {
        ModelRun modelRun = job == ModeratedReviews.class
            ? SharedHarness.checkModels(FaultPlan.random(seed), ModelCallsFaultsTest.serverFaults()) : null;
        FaultReport report = modelRun != null ? modelRun.report() : SharedHarness.check(job, FaultPlan.random(seed));
        tallies.computeIfAbsent(job.getSimpleName(), j -> new Tally()).add(seed, report);
        if (!report.exactlyOnce()) {
          failures.add(job.getSimpleName() + " seed " + seed + ":\n" + report);
        }
        if (modelRun != null) {
          try {
            ModelCallsFaultsTest.assertModelCalledOncePerRecord(modelRun, ModelCallsFaultsTest.SPOILED_ANSWERS,
                false);
          } catch (AssertionError e) {
            failures.add(job.getSimpleName() + " seed " + seed + ": model not called once per record: "
                + e.getMessage());
          }
        }
      }
    }
    System.out.println("[fault-injection] randomized: " + runs + " seeds from " + first + " in "
        + (System.nanoTime() - started) / 1_000_000_000 + " s");
    tallies.forEach((job, tally) -> System.out.println("[fault-injection]   " + job + ": " + tally));
    assertThat(failures).as("runs that lost or duplicated records").isEmpty();
  }

  /** What the runs of one job injected and found. */
  private static final class Tally {
    private int runs;
    private long lost;
    private long duplicated;
    private long discarded;
    private final List<Long> failedSeeds = new ArrayList<>();
    private final Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
    private final Map<FaultKind, Long> inTicks = new EnumMap<>(FaultKind.class);

    void add(long seed, FaultReport report) {
      runs++;
      lost += report.lost();
      duplicated += report.duplicated();
      discarded += report.discardedRecords();
      if (!report.exactlyOnce()) {
        failedSeeds.add(seed);
      }
      report.injected().forEach((kind, n) -> injected.merge(kind, n, Long::sum));
      report.injectedInTicks().forEach((kind, n) -> inTicks.merge(kind, n, Long::sum));
    }

    @Override
    public String toString() {
      return runs + " runs, " + injected.values().stream().mapToLong(Long::longValue).sum() + " faults " + injected
          + (inTicks.isEmpty() ? "" : ", in ticks " + inTicks) + "; lost " + lost + ", duplicated " + duplicated
          + ", discarded " + discarded + (failedSeeds.isEmpty() ? "" : "; not exactly once: seeds " + failedSeeds);
    }
  }
}
