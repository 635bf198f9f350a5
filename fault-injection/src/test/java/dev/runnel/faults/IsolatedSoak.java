package dev.runnel.faults;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.faults.jobs.PoisonJob;
import dev.runnel.faults.process.ProcessFaultPlan;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.locallambda.IsolatedFunctions;
import dev.runnel.localrunner.summary.FedInput;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One run of an isolated soak: the job with each stage function instance and tick function in its own JVM
 * ({@link IsolatedFunctions}), batches of 10 (so a retry is followed by later batches), a function timeout of
 * {@value #TIMEOUT_SECONDS} s, and the seed's faults: {@link ProcessFaultPlan#random} (processes killed at commit
 * steps, frozen past their timeout and resumed as zombies) plus the runner-side kinds of {@code FaultPlan.random(seed)}
 * ({@link FaultPlan#runnerSide()}: redeliveries, source and repartition reshards); bisection on error in half the
 * seeds. Compared with the job's failure-free in-process run. Which job a seed runs: {@link #job}.
 */
final class IsolatedSoak {
  /** The function timeout: a frozen process outlives it, then its retry runs. */
  static final int TIMEOUT_SECONDS = 8;
  private static final int BATCH_SIZE = 10;
  private static final Duration QUIET_TIMEOUT = Duration.ofMinutes(5);

  private IsolatedSoak() {}

  /**
   * The isolated run of {@code job}, its keyed stages in {@code layout}, with {@code seed}'s faults; a run that throws
   * is a wrong run.
   */
  static SoakRun run(Class<?> job, long seed, StateLayout layout) {
    return runIn(job, seed, layout).inLayout(layout);
  }

  private static SoakRun runIn(Class<?> job, long seed, StateLayout layout) {
    long records = SharedHarness.reference(job, layout).summary().inputs().stream().mapToLong(FedInput::records)
        .sum();
    FaultPlan faults = FaultPlan.random(seed, SharedHarness.logLayout(job, layout)).runnerSide();
    ProcessFaultPlan process = ProcessFaultPlan.random(seed);
    boolean bisect = bisects(seed);
    long started = System.nanoTime();
    try {
      Plan plan = SharedHarness.plan(job, layout);
      RunOptions options = SharedHarness.options(job).withBatching(smallBatches(plan, bisect));
      // a stage calling a model adds its model calls' attempts to the timeout (OrderRouting's orders-2: 158 s), and
      // a process frozen in it times out only then: the run must wait that long without progress
      if (options.quietTimeout().compareTo(QUIET_TIMEOUT) < 0) {
        options = options.withQuietTimeout(QUIET_TIMEOUT);
      }
      IsolatedFunctions functions = IsolatedFunctions.DEFAULT.withTimeoutSeconds(TIMEOUT_SECONDS).withFaults(process);
      FaultReport report = SharedHarness.get().runWith(plan, options, faults, functions,
          SharedHarness.reference(job, layout));
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.println("[fault-injection] " + job.getSimpleName() + " isolated, layout "
          + layout.name().toLowerCase(java.util.Locale.ROOT) + ", bisect " + (bisect ? "on" : "off")
          + ", processes " + process.counts() + " [" + process.describe() + "]: " + report);
      String problems = report.exactlyOnce() ? "" : "bisect " + (bisect ? "on" : "off") + ", process faults "
          + process.counts().lines().stream().limit(40).collect(Collectors.joining(" | "));
      return new SoakRun(job.getSimpleName(), seed, report.exactlyOnce(), records, SoakRun.deadLetters(report),
          seconds, report, problems, process);
    } catch (RuntimeException e) {
      e.printStackTrace(System.out);
      return SoakRun.failed(job.getSimpleName(), seed, records, (System.nanoTime() - started) / 1e9, e, faults,
          process);
    }
  }

  /** The jobs {@code -Drunnel.soak.isolatedJobs} may name (comma-separated), by simple name. */
  private static final Map<String, Class<?>> JOBS = Map.of("ClickCounts", ClickCounts.class, "PoisonJob",
      PoisonJob.class, "OrderRouting", OrderRouting.class);
  /** The property naming the jobs an isolated soak alternates between (default ClickCounts,PoisonJob). */
  static final String JOBS_PROPERTY = "runnel.soak.isolatedJobs";

  /** The job seed {@code seed} runs: the named jobs in turn (seed modulo their number). */
  static Class<?> job(long seed) {
    List<Class<?>> jobs = Arrays.stream(System.getProperty(JOBS_PROPERTY, "ClickCounts,PoisonJob").split(","))
        .map(String::trim).filter(name -> !name.isEmpty()).<Class<?>>map(name -> {
          Class<?> job = JOBS.get(name);
          if (job == null) {
            throw new IllegalArgumentException("-D" + JOBS_PROPERTY + " names " + name + "; an isolated soak runs "
                + new TreeSet<>(JOBS.keySet()));
          }
          return job;
        }).toList();
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("-D" + JOBS_PROPERTY + " names no job; name some of "
          + new TreeSet<>(JOBS.keySet()));
    }
    return jobs.get((int) Math.floorMod(seed, (long) jobs.size()));
  }

  /** Whether the seed's event source mappings split a failing batch in two (its own draw). */
  static boolean bisects(long seed) {
    return new SplittableRandom(seed ^ 0xB15EC7L).nextBoolean();
  }

  /** Every stage of {@code plan} with batches of {@value #BATCH_SIZE}, retried until they succeed. */
  private static Map<String, BatchingSpec> smallBatches(Plan plan, boolean bisect) {
    return plan.stages().stream().collect(Collectors.toMap(StageSpec::id, stage -> new BatchingSpec(BATCH_SIZE, 0,
        bisect, -1, stage.batching().parallelizationFactor())));
  }
}
