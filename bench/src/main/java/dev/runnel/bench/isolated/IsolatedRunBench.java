package dev.runnel.bench.isolated;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.hotitems.HotItems;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.locallambda.CapturedRuns;
import dev.runnel.locallambda.IsolatedFunctions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The wall time of a local run in process and isolated (every function instance in its own JVM, docs/local-lambda.md),
 * alternating so that machine noise hits both alike, for ClickCounts (2 stages) and HotItems (3 stages and their tick
 * functions). Each run includes its emulators' start. Prints one line per run and the medians.
 *
 * <p>Run: {@code bench/isolated-runs [rounds]} (default 3).
 */
public final class IsolatedRunBench {
  private IsolatedRunBench() {}

  /** Runs the benchmark and prints the report. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    System.out.printf(Locale.ROOT, "load average %.2f, %d rounds%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), rounds);
    List<String> summary = new ArrayList<>();
    for (Class<?> job : List.of(ClickCounts.class, HotItems.class)) {
      List<Duration> inProcess = new ArrayList<>();
      List<Duration> isolated = new ArrayList<>();
      List<Duration> starts = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        inProcess.add(LocalRunner.run(job, RunOptions.defaults()).elapsed());
        CapturedRuns functions = new CapturedRuns(IsolatedFunctions.DEFAULT);
        isolated.add(LocalRunner.run(job, RunOptions.defaults().withFunctions(functions)).elapsed());
        List<Duration> roundStarts = functions.last().startTimes().values().stream().flatMap(Collection::stream)
            .toList();
        starts.addAll(roundStarts);
        System.out.printf(Locale.ROOT, "%s round %d: in process %.1f s, isolated %.1f s, %d processes started in "
            + "%.1f-%.1f s%n", job.getSimpleName(), round, seconds(inProcess.get(round - 1)),
            seconds(isolated.get(round - 1)), roundStarts.size(), seconds(min(roundStarts)), seconds(max(roundStarts)));
      }
      summary.add(String.format(Locale.ROOT, "%-12s %12.1f %12.1f %8.2f %9.1f-%.1f", job.getSimpleName(),
          seconds(median(inProcess)), seconds(median(isolated)),
          seconds(median(isolated)) / seconds(median(inProcess)), seconds(min(starts)), seconds(max(starts))));
    }
    System.out.println();
    System.out.printf("%-12s %12s %12s %8s %13s%n", "job", "in process", "isolated", "ratio", "process start");
    summary.forEach(System.out::println);
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private static Duration median(List<Duration> durations) {
    List<Duration> sorted = durations.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static Duration min(List<Duration> durations) {
    return durations.stream().min(Duration::compareTo).orElse(Duration.ZERO);
  }

  private static Duration max(List<Duration> durations) {
    return durations.stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }
}
