package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.TumblingCounts;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tumbling-window count, its windows firing as the watermark advances while the input is processed, run by the
 * local runner on kinesis-local and DynamoDB Local: the runner ticks the window stage, declares the end of the input
 * once it is drained, and waits until the ticks fire nothing more. Every window of every key must then hold exactly
 * the count a plain evaluation of the input computes, and no record may be late (every one is within the declared
 * bound on out-of-orderness).
 */
class TumblingWindowRunTest {
  @TempDir
  Path dir;

  @Test
  void everyWindowOfEveryKeyHoldsTheReferenceCountAndNoRecordIsLate() throws Exception {
    List<String> lines = WindowInputs.events(240, 20261121);
    Path input = dir.resolve("t-in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Plan plan = Planner.plan(TumblingCounts.class);

    RunSummary summary = LocalRunner.run(plan, RunOptions.defaults()
        .withInputs(List.of(InputSource.file("t-in", input)))
        .withPollInterval(Duration.ofMillis(100))
        .withTickEvery(Duration.ofMillis(500)));
    new SummaryPrinter(3).print(summary, System.out);

    assertThat(summary.deadLetters()).as("dead letters (late records)").isEmpty();
    Map<String, Long> expected = WindowInputs.counts(lines);
    assertThat(WindowInputs.sinkCounts(summary.sink("t-counts").orElseThrow().records())).isEqualTo(expected);
    String windowStage = plan.stages().get(plan.stages().size() - 1).id();
    assertThat(summary.stage(windowStage).orElseThrow().fired()).isGreaterThanOrEqualTo(expected.size());
  }
}
