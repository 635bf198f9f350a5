package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.StageHandler;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.TimedCountWindows;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.StageCounts;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.BatchingSpec;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 7: a job with processing-time timers and a {@code ListState} count window, run without any injected
 * fault, must not retry, bisect or skip anything, and its "written" counts must be what the sinks received. Its ticks
 * commit every shard of the keyed stage about once a second, so they race the batches: a batch whose shard a tick
 * committed meanwhile used to fail its checkpoint commit, be retried and bisected, and skip its own records as already
 * applied, while the outputs its first attempt had printed went uncounted. The source stage here takes 2.5 s a batch
 * (as one calling a slow service would), so the keyed stage gets its records in bursts more than two seconds apart,
 * when ticks no longer leave its shards alone; the stage is ticked every 300 ms to make the race likely. Two runs.
 */
class TimedCountWindowRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int READINGS = 12;
  private static final int DEVICES = 4;

  @TempDir
  Path dir;

  @Test
  void aFailureFreeRunRetriesNothingAndCountsWhatItWrote() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < READINGS; i++) {
      lines.add("{\"device\":\"d" + (i % DEVICES) + "\",\"value\":" + (1 << i) + "}");
    }
    Path input = dir.resolve("cw-in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Plan plan = Planner.plan(TimedCountWindows.class);
    String sourceStage = plan.stages().get(0).id();
    String keyedStage = plan.stages().get(1).id();
    int windows = READINGS / TimedCountWindows.SIZE;

    for (int run = 1; run <= 2; run++) {
      RunSummary summary = LocalRunner.run(plan, RunOptions.defaults()
          .withInputs(List.of(InputSource.file("cw-in", input)))
          .withFunctions(slowStage(sourceStage, Duration.ofMillis(2_500)))
          .withBatching(Map.of(sourceStage, new BatchingSpec(3, 0, true, 10, 1)))
          .withPollInterval(Duration.ofMillis(100))
          .withTickEvery(Duration.ofMillis(300)));
      new SummaryPrinter(3).print(summary, System.out);

      for (StageCounts stage : summary.stages()) {
        assertThat(List.of(stage.skipped(), stage.retries(), stage.bisects(), stage.discardedRecords()))
            .as("run %d, stage %s: skipped, retries, bisects, discarded", run, stage.stage())
            .containsOnly(0L);
      }
      List<String> items = summary.sink("cw-windows").orElseThrow().records();
      List<String> printed = summary.sink("cw-console").orElseThrow().records();
      assertThat(items).as("run %d: table items", run).hasSize(windows);
      assertThat(printed).as("run %d: console lines", run).hasSize(windows);
      assertThat(values(items)).as("run %d: every reading in exactly one window", run)
          .isEqualTo(values(printed)).hasSize(READINGS);
      assertThat(summary.stage(keyedStage).orElseThrow().recordsOut())
          .as("run %d: written per output of %s", run, keyedStage)
          .isEqualTo(Map.of("cw-windows", (long) items.size(), "cw-console", (long) printed.size()));
    }
  }

  /** The real functions, with every batch of {@code stageId} taking {@code delay} longer. */
  private static FunctionFactory slowStage(String stageId, Duration delay) {
    return (stage, shardId, resources, newHandler) -> {
      StageHandler handler = newHandler.apply(resources);
      if (!stage.equals(stageId)) {
        return handler;
      }
      return (event, context) -> {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return handler.handleRequest(event, context);
      };
    };
  }

  /** Every value of every window, each once (the sorted set; a value in two windows would shrink it). */
  private static TreeSet<Integer> values(List<String> windows) {
    TreeSet<Integer> values = new TreeSet<>();
    for (String window : windows) {
      try {
        for (JsonNode value : JSON.readTree(window).get("values")) {
          values.add(value.asInt());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return values;
  }
}
