package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.faults.run.FaultReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random fault mixes, one seed per run, alternating ClickCounts and OrderRouting. {@code -Drunnel.soak.runs=N} runs
 * N seeds (a soak); {@code -Drunnel.faults.seed=S} starts from seed S, to replay a failure.
 */
class RandomizedFaultsTest {
  private static final int DEFAULT_RUNS = 4;

  @Test
  void randomFaultMixes() {
    int runs = Integer.getInteger("runnel.soak.runs", DEFAULT_RUNS);
    long first = Long.getLong("runnel.faults.seed", new Random().nextInt(1_000_000));
    System.out.println("[fault-injection] randomized: " + runs + " runs from seed " + first
        + " (replay with -Drunnel.faults.seed=" + first + ")");
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long seed = first + i;
      Class<?> job = seed % 2 == 0 ? ClickCounts.class : OrderRouting.class;
      FaultReport report = SharedHarness.check(job, FaultPlan.random(seed));
      if (!report.exactlyOnce()) {
        failures.add(job.getSimpleName() + " seed " + seed + ":\n" + report);
      }
    }
    assertThat(failures).as("runs that lost or duplicated records").isEmpty();
  }
}
