package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.faults.SharedHarness.ModelRun;
import dev.runnel.faults.jobs.ModeratedReviews;
import dev.runnel.faults.jobs.WindowedJob;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.localrunner.summary.FedInput;
import dev.runnel.plan.StateLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random fault mixes, one seed per run: each seed runs ClickCounts or OrderRouting (alternating), the windowed job
 * (windows and timers, fed in waves) and the inference job (served classifier and in-process embedder, with the model
 * server's faults of {@link ModelCallsFaultsTest#serverFaults()}; its model must also be called once per record), each
 * with {@code FaultPlan.random(seed, logLayout)}. Each seed plans its jobs' keyed stages in one state layout, drawn
 * from the seed or asked for with {@code -Drunnel.soak.layout=keys|log} (the run's line says which, the tally counts
 * runs per layout); in the log layout the plans add compaction crashes, and the harness leaves out reshards of the
 * streams a log-layout stage reads. {@code -Drunnel.soak.runs=N} runs N seeds (a soak);
 * {@code -Drunnel.faults.seed=S} starts from seed S, to replay a failure (see {@link SoakSettings}). Each run's line
 * is printed as it finishes, a running tally every few seeds, and the final tally with every fault kind
 * ({@link SoakTally}). With {@code -Drunnel.soak.isolated=true} each seed runs ClickCounts or PoisonJob
 * (alternating; {@code -Drunnel.soak.isolatedJobs} names others) once, its stages in their own JVMs with real
 * process faults ({@link IsolatedSoak}).
 */
class RandomizedFaultsTest {

  @Test
  void randomFaultMixes() {
    SoakSettings settings = SoakSettings.fromProperties();
    SoakTally tally = new SoakTally("randomized", settings);
    for (int i = 0; i < settings.runs(); i++) {
      long seed = settings.seed(i);
      Class<?> classic = seed % 2 == 0 ? ClickCounts.class : OrderRouting.class;
      StateLayout layout = settings.layout(seed);
      if (settings.mode() == SoakMode.ISOLATED) {
        tally.add(IsolatedSoak.run(IsolatedSoak.job(seed), seed, layout));
        tally.seedDone();
        continue;
      }
      for (Class<?> job : List.of(classic, WindowedJob.class, ModeratedReviews.class)) {
        tally.add(run(job, seed, layout).inLayout(layout));
      }
      tally.seedDone();
    }
    assertThat(tally.finish()).as("runs that lost or duplicated records").isEmpty();
  }

  /** One faulty run of {@code job}; a run that throws is a wrong run, and the soak goes on. */
  private static SoakRun run(Class<?> job, long seed, StateLayout layout) {
    long records = SharedHarness.reference(job, layout).summary().inputs().stream().mapToLong(FedInput::records).sum();
    long started = System.nanoTime();
    try {
      return check(job, seed, layout, records, started);
    } catch (RuntimeException e) {
      e.printStackTrace(System.out);
      return SoakRun.failed(job.getSimpleName(), seed, records, (System.nanoTime() - started) / 1e9, e);
    }
  }

  private static SoakRun check(Class<?> job, long seed, StateLayout layout, long records, long started) {
    FaultPlan faults = FaultPlan.random(seed, SharedHarness.logLayout(job, layout));
    ModelRun modelRun = job == ModeratedReviews.class
        ? SharedHarness.checkModels(layout, faults, ModelCallsFaultsTest.serverFaults()) : null;
    FaultReport report = modelRun != null ? modelRun.report() : SharedHarness.check(job, layout, faults);
    double seconds = (System.nanoTime() - started) / 1e9;
    String problem = "";
    if (modelRun != null) {
      try {
        ModelCallsFaultsTest.assertModelCalledOncePerRecord(modelRun, ModelCallsFaultsTest.SPOILED_ANSWERS, false);
      } catch (AssertionError e) {
        problem = "model not called once per record: " + e.getMessage();
      }
    }
    return new SoakRun(job.getSimpleName(), seed, report.exactlyOnce() && problem.isEmpty(), records,
        SoakRun.deadLetters(report), seconds, report, problem);
  }
}
