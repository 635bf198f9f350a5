package dev.runnel.locallambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.hotitems.HotItems;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SinkContents;
import dev.runnel.localrunner.summary.StageCounts;
import dev.runnel.plan.OutputKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HotItems, two keyed stages with windows, run twice on fresh emulators: once with the handlers in this JVM, once with
 * every stage function instance and tick function in its own JVM through the runtime interface client, credentials
 * from the container endpoint only. What the isolated run produced must equal the in-process run's.
 */
class IsolatedHotItemsRunTest {
  private static RunSummary inProcess;
  private static RunSummary isolated;
  private static IsolatedRun run;

  @BeforeAll
  static void runBoth() {
    inProcess = LocalRunner.run(HotItems.class, RunOptions.defaults());
    CapturedRuns functions = new CapturedRuns(IsolatedFunctions.DEFAULT);
    isolated = LocalRunner.run(HotItems.class, RunOptions.defaults().withFunctions(functions));
    run = functions.last();
    System.out.println("HotItems in process: " + inProcess.elapsed().toMillis() + " ms; isolated: "
        + isolated.elapsed().toMillis() + " ms; process start times by function: " + run.startTimes());
  }

  @Test
  void tablesEqualTheInProcessRunsAndTheConsoleReachedTheRun() {
    for (SinkContents sink : inProcess.sinks()) {
      SinkContents other = isolated.sink(sink.name()).orElseThrow();
      if (sink.kind() == OutputKind.CONSOLE) {
        // the ranking printed after each record depends on how records of two shards interleave, in any run: only
        // that the children's console lines reached the run's console is compared
        assertThat(other.records()).as(sink.name()).isNotEmpty();
      } else {
        assertThat(other.records()).as(sink.name()).containsExactlyInAnyOrderElementsOf(sink.records());
      }
    }
    assertThat(inProcess.sink("hotitems-top").orElseThrow().records()).isNotEmpty();
    assertThat(isolated.deadLetters()).isEmpty();
    assertThat(isolated.discardedBatches()).isEmpty();
  }

  /**
   * Per stage, a run applies at most the stage's input records and is handed each at least once: records in minus
   * skipped is at most that count and records in at least it, in both runs. So each run's applied count is at most
   * the other's records in. They need not be equal: a batch that loses a race with a tick after writing its state is
   * retried and its records are then skipped, more often on a loaded machine (282 against 360 once).
   */
  @Test
  void theRunsCountersComeFromTheChildProcesses() {
    for (StageCounts stage : inProcess.stages()) {
      StageCounts other = isolated.stage(stage.stage()).orElseThrow();
      assertThat(other.recordsIn() - other.skipped()).as(stage.stage()).isPositive()
          .isLessThanOrEqualTo(stage.recordsIn());
      assertThat(stage.recordsIn() - stage.skipped()).as(stage.stage()).isPositive()
          .isLessThanOrEqualTo(other.recordsIn());
      assertThat(other.fired()).as(stage.stage()).isEqualTo(stage.fired());
      assertThat(other.checkpointRequests()).as("checkpoint requests the children's clients counted, " + stage.stage())
          .isPositive();
    }
    // the windowed stage's PutRecords are its firings and markers, counted by the children's clients
    assertThat(isolated.stage("hotitems-2").orElseThrow().requests().requests("Kinesis", "PutRecords")).isPositive();
  }

  @Test
  void everyFunctionInstanceRanInItsOwnProcessWithContainerCredentialsOnly() {
    List<FunctionInstance> instances = run.instances();
    Map<String, Long> perFunction = instances.stream()
        .collect(Collectors.groupingBy(i -> i.function().name(), Collectors.counting()));
    // three stages, each a function instance per shard of its input stream (2), the windowed two a tick function too
    assertThat(perFunction).isEqualTo(Map.of("hotitems-1", 2L, "hotitems-2", 2L, "hotitems-2-tick", 1L,
        "hotitems-3", 2L, "hotitems-3-tick", 1L));
    assertThat(instances).allSatisfy(i -> assertThat(i.environmentsStarted()).isPositive());
    assertThat(run.credentials().served()).as("credentials fetched from the container endpoint").isPositive();
    for (FunctionInstance instance : instances) {
      assertThat(instance.function().handler()).isIn(LambdaFunction.STAGE_HANDLER, LambdaFunction.TICK_HANDLER);
      assertThat(instance.function().environment()).doesNotContainKeys("AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
    }
  }
}
