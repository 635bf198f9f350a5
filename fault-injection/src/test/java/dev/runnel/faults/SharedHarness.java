package dev.runnel.faults;

import dev.runnel.faults.jobs.BroadcastLimits;
import dev.runnel.faults.jobs.BroadcastLimitsInput;
import dev.runnel.faults.jobs.IntervalJoinedJob;
import dev.runnel.faults.jobs.JoinedJob;
import dev.runnel.faults.jobs.JoinedJobInput;
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
  private static final Map<Planned, RunOutput> REFERENCES = new ConcurrentHashMap<>();
  private static final Map<Planned, Plan> PLANS = new ConcurrentHashMap<>();

  /** A job planned with its keyed stages in a state layout (docs/state-log.md). */
  private record Planned(Class<?> job, StateLayout layout) {}

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
    if (job == BroadcastLimits.class) {
      return options.withInputs(List.of(BroadcastLimitsInput.source()));
    }
    if (job == ModeratedReviews.class) {
      return options.withInputs(List.of(ModeratedReviewsInput.source()))
          .withModels(LocalModelEndpoints.access(plan(job), modelServer(), Map.of())); // same models in both layouts
    }
    if (job == JoinedJob.class || job == IntervalJoinedJob.class) {
      return options.withInputs(JoinedJobInput.sources());
    }
    return options;
  }

  /** The waves {@code job} is fed in, or null when it is fed as usual. */
  static InputWaves waves(Class<?> job) {
    return job == WindowedJob.class ? WindowedJobInput.waves() : null;
  }

  /** {@code job}'s plan with its keyed stages in the per-key layout. */
  static Plan plan(Class<?> job) {
    return plan(job, StateLayout.KEYS);
  }

  /** {@code job}'s plan with its keyed stages (those not read in lanes) in {@code layout}. */
  static Plan plan(Class<?> job, StateLayout layout) {
    return PLANS.computeIfAbsent(new Planned(job, layout), p -> Planner.plan(p.job(), p.layout()));
  }

  /** True when {@code job} planned in {@code layout} has a stage keeping its state in a state log. */
  static boolean logLayout(Class<?> job, StateLayout layout) {
    return plan(job, layout).stages().stream().anyMatch(stage -> stage.layout() == StateLayout.LOG);
  }

  /** The (cached) failure-free run of {@code job} in the per-key layout. */
  static RunOutput reference(Class<?> job) {
    return reference(job, StateLayout.KEYS);
  }

  /**
   * The (cached) failure-free run of {@code job} in {@code layout}; a job calling models runs it with no server
   * faults.
   */
  static synchronized RunOutput reference(Class<?> job, StateLayout layout) {
    return REFERENCES.computeIfAbsent(new Planned(job, layout), p -> {
      Class<?> j = p.job();
      if (j != ModeratedReviews.class) {
        return get().reference(plan(j, layout), options(j), waves(j));
      }
      modelServer().faults(ModeratedReviewsInput.refusalsOnly());
      modelServer().log().reset();
      long started = System.nanoTime();
      RunOutput output = get().reference(plan(j, layout), options(j), waves(j));
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
    return checkModels(StateLayout.KEYS, faults, serverFaults);
  }

  /** As above, the job planned in {@code layout}. */
  static synchronized ModelRun checkModels(StateLayout layout, FaultPlan faults, Faults serverFaults) {
    reference(ModeratedReviews.class, layout);
    LocalModelServer server = modelServer();
    server.log().reset();
    server.faults(serverFaults);
    try {
      FaultReport report = check(ModeratedReviews.class, layout, faults);
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
    return check(job, StateLayout.KEYS, faults);
  }

  /** As above, the job planned in {@code layout}, against its reference in that layout. */
  static FaultReport check(Class<?> job, StateLayout layout, FaultPlan faults) {
    return check(job, layout, waves(job), faults);
  }

  /**
   * As above, fed in {@code waves}: the job's own waves, perhaps with pauses (which change when ticks run, never what
   * the job produces).
   */
  static FaultReport check(Class<?> job, InputWaves waves, FaultPlan faults) {
    return check(job, StateLayout.KEYS, waves, faults);
  }

  /** As above, the job planned in {@code layout}. */
  static synchronized FaultReport check(Class<?> job, StateLayout layout, InputWaves waves, FaultPlan faults) {
    RunOutput reference = reference(job, layout);
    FaultReport report = get().run(plan(job, layout), options(job), waves, faults, reference);
    System.out.println("[fault-injection] " + job.getSimpleName() + " (layout " + layout.name().toLowerCase(
        java.util.Locale.ROOT) + "): " + report);
    return report;
  }
}
