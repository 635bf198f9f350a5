package dev.runnel.faults;

import dev.runnel.faults.jobs.ModeratedReviews;
import dev.runnel.faults.jobs.ModeratedReviewsInput;
import dev.runnel.faults.jobs.WindowedJob;
import dev.runnel.faults.jobs.WindowedJobInput;
import dev.runnel.faults.run.FaultHarness;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.InputWaves;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.localrunner.models.LocalModelEndpoints;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.log.LoggedRequest;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One harness (one pair of emulators) for every test class of the module, with one reference run per job. Stages
 * that tick are ticked every 100 ms (the local default is a second), so a run goes quiet soon after its input; a job
 * with windows and timers ({@link WindowedJob}) is fed in waves. A job calling models
 * ({@link ModeratedReviews}) reaches one {@link LocalModelServer} through its run options, and each of its runs
 * starts with the server's log reset and its own server faults.
 */
final class SharedHarness {
  private static FaultHarness harness;
  private static LocalModelServer modelServer;
  private static List<LoggedRequest> referenceRequests;
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

  /** The model server the inference job's served models call (started on first use). */
  static synchronized LocalModelServer modelServer() {
    if (modelServer == null) {
      modelServer = LocalModelServer.start(LocalModelServer.Config.defaults());
      Runtime.getRuntime().addShutdownHook(new Thread(modelServer::close));
    }
    return modelServer;
  }

  static RunOptions options(Class<?> job) {
    RunOptions options = RunOptions.defaults().withPollInterval(Duration.ofMillis(50))
        .withTickEvery(Duration.ofMillis(100));
    if (job == ModeratedReviews.class) {
      return options.withInputs(List.of(ModeratedReviewsInput.source()))
          .withModels(LocalModelEndpoints.access(plan(job), modelServer(), Map.of()));
    }
    return options;
  }

  /** The waves {@code job} is fed in, or null when it is fed as usual. */
  static InputWaves waves(Class<?> job) {
    return job == WindowedJob.class ? WindowedJobInput.waves() : null;
  }

  /**
   * The plan of {@code job} in the per-key layout: the harness compares keyed state read from the per-key state table
   * (the log layout's fault coverage is being built on its own, docs/state-log.md).
   */
  static Plan plan(Class<?> job) {
    return PLANS.computeIfAbsent(job, j -> Planner.plan(j, StateLayout.KEYS));
  }

  /** The (cached) failure-free run of {@code job}; a job calling models runs it with no server faults. */
  static synchronized RunOutput reference(Class<?> job) {
    return REFERENCES.computeIfAbsent(job, j -> {
      if (j != ModeratedReviews.class) {
        return get().reference(plan(j), options(j), waves(j));
      }
      modelServer().faults(ModeratedReviewsInput.refusalsOnly());
      modelServer().log().reset();
      long started = System.nanoTime();
      RunOutput output = get().reference(plan(j), options(j), waves(j));
      referenceRequests = modelServer().log().requests();
      System.out.println("[fault-injection] " + j.getSimpleName() + ": failure-free run in "
          + (System.nanoTime() - started) / 1_000_000 + " ms");
      return output;
    });
  }

  /** The inference job's failure-free run as a report against itself (for its model calls). */
  static synchronized FaultReport referenceReport(Class<?> job) {
    RunOutput output = reference(job);
    return new FaultReport(FaultPlan.none(0), Map.of(), Map.of(), List.of(), List.of(), 0, 0,
        output.summary().elapsed(), output.summary().models());
  }

  /** What the model server received during the inference job's failure-free run. */
  static synchronized List<LoggedRequest> referenceRequests() {
    reference(ModeratedReviews.class);
    return referenceRequests;
  }

  /**
   * A run of the inference job with {@code faults} and the model server answering with {@code serverFaults} (which
   * should include {@link ModeratedReviewsInput#refusal()}, as the reference's do), against
   * its (cached) reference; the report and every request the server saw during the faulty run.
   */
  static synchronized ModelRun checkModels(FaultPlan faults, Faults serverFaults) {
    reference(ModeratedReviews.class);
    LocalModelServer server = modelServer();
    server.log().reset();
    server.faults(serverFaults);
    try {
      FaultReport report = check(ModeratedReviews.class, faults);
      return new ModelRun(report, server.log().requests());
    } finally {
      server.faults(ModeratedReviewsInput.refusalsOnly());
    }
  }

  /**
   * A faulty run of the inference job.
   *
   * @param report   the run compared with the failure-free one
   * @param requests what the model server received during the faulty run
   */
  record ModelRun(FaultReport report, List<LoggedRequest> requests) {}

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
