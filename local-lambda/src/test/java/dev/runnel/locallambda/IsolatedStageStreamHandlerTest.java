package dev.runnel.locallambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.clicks.ClickCounts;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.StageCounts;
import org.junit.jupiter.api.Test;

/**
 * The stage function as deployed, {@code StageStreamHandler}, in its own JVM behind the real runtime interface client:
 * the client hands it the event's bytes (no {@code KinesisEvent}), it parses them itself, and its response is read as
 * the event source mapping reads one. ClickCounts (two stages, two shards each) run isolated writes the table an
 * in-process run writes, every stage applying as many records as in process, as counted by the children.
 */
class IsolatedStageStreamHandlerTest {
  @Test
  void batchesGoThroughTheStreamHandlerInItsOwnProcess() {
    RunSummary inProcess = LocalRunner.run(ClickCounts.class, RunOptions.defaults());
    CapturedRuns functions = new CapturedRuns(IsolatedFunctions.DEFAULT);
    RunSummary isolated = LocalRunner.run(ClickCounts.class, RunOptions.defaults().withFunctions(functions));

    assertThat(functions.last().instances()).hasSize(4).allSatisfy(instance -> assertThat(
        instance.function().handler()).isEqualTo("dev.runnel.functions.StageStreamHandler::handleRequest"));
    assertThat(isolated.sink("clicks-per-user").orElseThrow().records()).isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(inProcess.sink("clicks-per-user").orElseThrow().records());
    assertThat(inProcess.stages()).hasSize(2);
    for (StageCounts stage : inProcess.stages()) {
      StageCounts other = isolated.stage(stage.stage()).orElseThrow();
      assertThat(other.recordsIn() - other.skipped()).as(stage.stage()).isPositive()
          .isEqualTo(stage.recordsIn() - stage.skipped());
    }
    assertThat(isolated.deadLetters()).isEmpty();
    assertThat(isolated.discardedBatches()).isEmpty();
  }
}
