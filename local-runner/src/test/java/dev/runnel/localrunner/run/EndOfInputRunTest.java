package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.progress.DynamoDbProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.BoundedTumblingCounts;
import dev.runnel.localrunner.run.jobs.OpenTumblingCounts;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.StageCounts;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.planner.Planner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's ticks, end of input and quiescence, on kinesis-local and DynamoDB Local, with tumbling-window jobs whose
 * bound on out-of-orderness (an hour) keeps every window open until the end of input: the watermark of the window
 * stage cannot pass a record before every record is drained, so what fires depends on the runner alone.
 */
class EndOfInputRunTest {
  private static final int EVENTS = 200;

  @TempDir
  static Path dir;

  private static LocalEmulators emulators;
  private static List<String> lines;
  private static Plan bounded;
  private static RunSummary boundedRun;
  private static Plan open;
  private static RunSummary openRun;

  @BeforeAll
  static void runBothJobs() throws Exception {
    lines = WindowInputs.events(EVENTS, 7);
    emulators = LocalEmulators.start();
    bounded = Planner.plan(BoundedTumblingCounts.class);
    boundedRun = new JobRun(bounded, emulators.kinesis(), emulators.dynamoDb(), options("te-in")).run();
    open = Planner.plan(OpenTumblingCounts.class);
    openRun = new JobRun(open, emulators.kinesis(), emulators.dynamoDb(), options("to-in").withEndOfInput(false))
        .run();
  }

  @AfterAll
  static void stopEmulators() {
    if (emulators != null) {
      emulators.close();
    }
  }

  private static RunOptions options(String stream) throws Exception {
    Path input = dir.resolve(stream + ".jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    return RunOptions.defaults()
        .withInputs(List.of(InputSource.file(stream, input)))
        .withPollInterval(Duration.ofMillis(100))
        .withTickEvery(Duration.ofMillis(300));
  }

  private static StageSpec windowStage(Plan plan) {
    return plan.stages().get(plan.stages().size() - 1);
  }

  @Test
  void atTheEndOfInputEveryWindowFiresWithTheReferenceCount() {
    assertThat(boundedRun.deadLetters()).isEmpty();
    Map<String, Long> expected = WindowInputs.counts(lines);
    assertThat(WindowInputs.sinkCounts(boundedRun.sink("te-counts").orElseThrow().records())).isEqualTo(expected);
    StageCounts window = boundedRun.stage(windowStage(bounded).id()).orElseThrow();
    // fired counts what successful invocations emitted; a round whose first attempt lost a race (to a tick, say) and
    // whose retry skipped the keys already fired is not counted again, so it may be lower than the windows
    assertThat(window.fired()).isPositive();
    assertThat(window.tickFailures()).isZero();
  }

  @Test
  void theEndOfInputIsTheFinalWatermarkOfEverySourceShardAndTravelsDownstream() {
    DynamoDbProgressStore progress = new DynamoDbProgressStore(emulators.dynamoDb(),
        bounded.tables(TableRole.PROGRESS).get(0).name());
    StageSpec source = bounded.stages().get(0);
    assertThat(progress.read(source.id())).hasSize(2)
        .allSatisfy(row -> assertThat(row.watermark()).isEqualTo(EndOfInput.FINAL_WATERMARK));
    assertThat(progress.read(windowStage(bounded).id())).isNotEmpty()
        .extracting(ShardProgress::watermark).containsOnly(EndOfInput.FINAL_WATERMARK);
  }

  @Test
  void onlyStagesWithATickPeriodAreTickedAndEachTickedAfterTheLastActivity() {
    StageSpec window = windowStage(bounded);
    assertThat(window.time().tickSeconds()).isPositive();
    assertThat(bounded.stages().get(0).time().tickSeconds()).isZero();
    assertThat(boundedRun.stage(bounded.stages().get(0).id()).orElseThrow().ticks()).isZero();
    StageCounts counts = boundedRun.stage(window.id()).orElseThrow();
    assertThat(counts.ticks()).isGreaterThanOrEqualTo(Quiescence.QUIET_TICKS + 1);
    assertThat(counts.shardTicks()).isPositive();
  }

  @Test
  void withoutTheEndOfInputNoWindowFiresAndTheRunStillGoesQuiet() {
    assertThat(openRun.deadLetters()).isEmpty();
    assertThat(openRun.sink("to-counts").orElseThrow().records()).isEmpty();
    StageCounts window = openRun.stage(windowStage(open).id()).orElseThrow();
    assertThat(window.recordsIn()).isEqualTo(EVENTS);
    assertThat(window.fired()).isZero();
    assertThat(window.ticks()).isGreaterThanOrEqualTo(Quiescence.QUIET_TICKS);
  }

  @Test
  void theSummaryShowsTicksAndFiringsOfTheTimedStages() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new SummaryPrinter(3).print(boundedRun, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    StageCounts window = boundedRun.stage(windowStage(bounded).id()).orElseThrow();
    assertThat(printed).contains("event time (").contains("shard ticks");
    assertThat(printed.lines().filter(line -> line.startsWith(windowStage(bounded).id() + " ")).toList())
        .hasSize(3).last().asString()
        .contains(" " + window.ticks() + " ").contains(" " + window.fired() + " ");
  }
}
