package dev.runnel.faults;

import dev.runnel.faults.run.FaultHarness;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One harness (one pair of emulators) for every test class of the module, with one reference run per job. */
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

  static RunOptions options() {
    return RunOptions.defaults().withPollInterval(Duration.ofMillis(50));
  }

  /** Runs {@code job} with {@code faults} against its (cached) reference, and prints the report. */
  static synchronized FaultReport check(Class<?> job, FaultPlan faults) {
    Plan plan = PLANS.computeIfAbsent(job, Planner::plan);
    RunOutput reference = REFERENCES.computeIfAbsent(job, j -> get().reference(plan, options()));
    FaultReport report = get().run(plan, options(), faults, reference);
    System.out.println("[fault-injection] " + job.getSimpleName() + ": " + report);
    return report;
  }
}
