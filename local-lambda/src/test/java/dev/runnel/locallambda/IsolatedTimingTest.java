package dev.runnel.locallambda;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.examples.hotitems.HotItems;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The wall time of a run in process and isolated, alternating, for docs/local-lambda.md. Off by default:
 * {@code mvn -pl local-lambda -am verify -Dtest=IsolatedTimingTest -Drunnel.timing=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "runnel.timing", matches = "true")
class IsolatedTimingTest {

  @Test
  void timesClickCountsAndHotItemsBothWays() {
    for (Class<?> job : new Class<?>[] {ClickCounts.class, HotItems.class}) {
      for (int round = 1; round <= 2; round++) {
        RunSummary inProcess = LocalRunner.run(job, RunOptions.defaults());
        CapturedRuns functions = new CapturedRuns(IsolatedFunctions.DEFAULT);
        RunSummary isolated = LocalRunner.run(job, RunOptions.defaults().withFunctions(functions));
        System.out.printf("TIMING %s round %d: in process %d ms, isolated %d ms; process start times %s%n",
            job.getSimpleName(), round, inProcess.elapsed().toMillis(), isolated.elapsed().toMillis(),
            functions.last().startTimes());
      }
    }
  }
}
