package dev.runnel.faults;

import dev.runnel.faults.jobs.WindowedJob;
import dev.runnel.faults.jobs.WindowedJobInput;
import dev.runnel.faults.run.FaultHarness;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.InputWaves;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One harness (one pair of emulators) for every test class of the module, with one reference run per job. A job
 * with windows and timers ({@link WindowedJob}) is fed in waves and ticked every 100 ms.
 */
final class SharedHarness {
  private static FaultHarness harness;
  private static final Map<Class<?>, RunOutput> REFERENCES = new ConcurrentHashMap<>();
  private static final Map<Class<?>, Plan> PLANS = new ConcurrentHashMap<>();

  private SharedHarness() {}

  static synchronized FaultHarness get() {
    if (harness == null) {
      harness = FaultHarness.start();
      Runtime.getRuntime().addShutdownHook(new Thread(harness::close));
    }
    return harness;
  }

  static RunOptions options(Class<?> job) {
    RunOptions options = RunOptions.defaults().withPollInterval(Duration.ofMillis(50));
    return job == WindowedJob.class ? options.withTickEvery(Duration.ofMillis(100)) : options;
  }

  /** The waves {@code job} is fed in, or null when it is fed as usual. */
  static InputWaves waves(Class<?> job) {
    return job == WindowedJob.class ? WindowedJobInput.waves() : null;
  }

  static Plan plan(Class<?> job) {
    return PLANS.computeIfAbsent(job, Planner::plan);
  }

  /** The (cached) failure-free run of {@code job}. */
  static synchronized RunOutput reference(Class<?> job) {
    return REFERENCES.computeIfAbsent(job, j -> get().reference(plan(j), options(j), waves(j)));
  }

  /** Runs {@code job} with {@code faults} against its (cached) reference, and prints the report. */
  static FaultReport check(Class<?> job, FaultPlan faults) {
    return check(job, waves(job), faults);
  }

  /**
   * As above, fed in {@code waves}: the job's own waves, perhaps with pauses (which change when ticks run, never what
   * the job produces).
   */
  static synchronized FaultReport check(Class<?> job, InputWaves waves, FaultPlan faults) {
    RunOutput reference = reference(job);
    FaultReport report = get().run(plan(job), options(job), waves, faults, reference);
    System.out.println("[fault-injection] " + job.getSimpleName() + ": " + report);
    return report;
  }
}
