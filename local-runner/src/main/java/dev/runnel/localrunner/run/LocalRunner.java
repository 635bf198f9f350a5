package dev.runnel.localrunner.run;

import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.time.Duration;

/**
 * Runs a job on local emulators, started for the run and stopped after it (also on failure): fresh and in memory, or
 * on the options' state directory, resuming the run it holds (docs/local-runs.md).
 */
public final class LocalRunner {
  private LocalRunner() {}

  /**
   * Plans the job class and runs it.
   *
   * @throws dev.runnel.planner.InvalidJobException if the job cannot be planned
   * @throws LocalRunException if the run fails
   */
  public static RunSummary run(Class<?> jobClass, RunOptions options) {
    return run(Planner.plan(jobClass), options);
  }

  /**
   * Starts the emulators (on the options' state directory, if any), runs the plan to quiet and stops the emulators;
   * the summary's time includes start-up.
   */
  public static RunSummary run(Plan plan, RunOptions options) {
    long started = System.nanoTime();
    try (StateDirectory state = options.stateDir() == null ? null : StateDirectory.open(options.stateDir(), plan.job());
         LocalEmulators emulators = start(state, options)) {
      RunSummary summary = new JobRun(plan, emulators.kinesis(), emulators.dynamoDb(), emulators.functionClients(),
          options).run();
      return new RunSummary(summary.plan(), Duration.ofNanos(System.nanoTime() - started), summary.inputs(),
          summary.sinks(), summary.deadLetters(), summary.discardedBatches(), summary.stages(), summary.models());
    }
  }

  /** Starts the emulators in memory, or on {@code state}, saying which on the progress lines. */
  public static LocalEmulators start(StateDirectory state, RunOptions options) {
    if (state == null) {
      options.progress().accept("starting kinesis-local and DynamoDB Local");
    } else {
      options.progress().accept("starting kinesis-local and DynamoDB Local on state directory " + state.root()
          + (state.hasData() ? " (resuming the run it holds)" : " (new)"));
    }
    long started = System.nanoTime();
    LocalEmulators emulators = LocalEmulators.start(state);
    if (state != null) {
      state.publishEndpoints(new StateDirectory.EmulatorEndpoints(emulators.kinesisEndpoint(),
          emulators.dynamoDbEndpoint()));
    }
    options.progress().accept("emulators ready in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
    return emulators;
  }
}
