package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.TumblingCounts;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tumbling-window count run on a state directory in two runs: the first stops after half of the input (as a run
 * killed after feeding it would have, its windows partly fired, the end of input not declared), the second is given
 * the whole input on the same directory. It feeds only the second half, declares the end of the input once drained,
 * goes quiet, and every window of every key holds the count of the whole input, none late.
 */
class ResumedWindowRunTest {
  private static final int EVENTS = 240;

  @TempDir
  Path dir;

  @Test
  void aResumedRunEndsItsInputAndFiresEveryWindowWithTheWholeInputsCounts() throws Exception {
    List<String> lines = WindowInputs.events(EVENTS, 20261207);
    Path half = Files.write(dir.resolve("half.jsonl"), lines.subList(0, EVENTS / 2), StandardCharsets.UTF_8);
    Path whole = Files.write(dir.resolve("whole.jsonl"), lines, StandardCharsets.UTF_8);
    Path state = dir.resolve("state");
    Plan plan = Planner.plan(TumblingCounts.class);
    RunOptions options = RunOptions.defaults().withPollInterval(Duration.ofMillis(100))
        .withTickEvery(Duration.ofMillis(500)).withStateDir(state);

    RunSummary first = LocalRunner.run(plan, options.withInputs(List.of(InputSource.file("t-in", half)))
        .withEndOfInput(false));
    List<String> progress = new CopyOnWriteArrayList<>();
    RunSummary resumed = LocalRunner.run(plan, options.withInputs(List.of(InputSource.file("t-in", whole)))
        .withProgress(progress::add));

    assertThat(WindowInputs.sinkCounts(first.sink("t-counts").orElseThrow().records()))
        .as("the first run fired some windows, not all").isNotEmpty()
        .isNotEqualTo(WindowInputs.counts(lines));
    assertThat(progress).contains("resuming: stream t-in already holds " + EVENTS / 2
        + " input records; feeding the others");
    assertThat(progress).anyMatch(line -> line.startsWith("end of input: published the final watermark"));
    assertThat(resumed.inputs().get(0).records()).isEqualTo(EVENTS);
    assertThat(resumed.deadLetters()).as("dead letters (late records)").isEmpty();
    assertThat(WindowInputs.sinkCounts(resumed.sink("t-counts").orElseThrow().records()))
        .isEqualTo(WindowInputs.counts(lines));
  }
}
