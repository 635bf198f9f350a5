package dev.runnel.cli;

import static dev.runnel.cli.OperationsOnLocalRunTest.runnel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.cli.jobs.Transfers;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.run.StateDirectory;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees, with {@code runnel status} and {@code runnel dead-letters list}, when a job dead-letters,
 * stalls and falls behind: three runs of {@code Transfers} on one state directory (DynamoDB Local and kinesis-local).
 * The first dead-letters its refunds; in the second, the records of one account hang in the operator, so their batch
 * holds its shard of the keyed stage while the other shard moves on; in the third, every record takes 50 ms, so the
 * keyed stage reads more slowly than its input fills. Each situation is checked in the JSON of {@code status} and its
 * table is the sample shown in docs/operating.md ({@code -Drunnel.readme.write=true} refreshes them).
 */
class OperatorStoriesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PAGE = Path.of("..", "docs", "operating.md");
  private static final String SHOWN_DIR = "/tmp/transfers";
  private static final String JOB = Transfers.class.getName();
  private static final String KEYED = "transfers-2";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  @AfterEach
  void controlsOff() {
    Transfers.Controls.release();
    Transfers.Controls.pace(0);
  }

  @Test
  void statusShowsAJobThatDeadLettersStallsAndFallsBehind() throws Exception {
    Plan plan = Planner.plan(Transfers.class);
    Path state = dir.resolve("state");

    // 1. dead letters: two refunds throw
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(transfer("acct" + (i % 4), i == 5 || i == 14 ? -(i + 1) : 10 + i));
    }
    RunSummary run = LocalRunner.run(plan, options(input("first", first), state));
    assertThat(run.deadLetters()).hasSize(2);
    OperationsOnLocalRunTest.Result deadLettering = runnel("status", JOB, "--state-dir", state.toString());
    assertThat(deadLettering.code()).as(deadLettering.err()).isZero();
    String keyedInput = plan.stage(KEYED).orElseThrow().input().stream();
    assertThat(deadLettering.out().lines().filter(l -> l.startsWith(KEYED + "  " + keyedInput)))
        .singleElement().asString().contains("  2  ");
    ReadmeSample.check(PAGE, "dead letters: status", deadLettering.out(), state, SHOWN_DIR);
    OperationsOnLocalRunTest.Result listed = runnel("dead-letters", "list", JOB, "--state-dir", state.toString());
    assertThat(listed.out()).contains("2 dead letter(s)", "refunds are not supported yet");
    ReadmeSample.check(PAGE, "dead letters: list", listed.out(), state, SHOWN_DIR);

    // 2. a stall: the records of one account hang in the operator, their batch holds its shard
    Transfers.Controls.hold();
    // a run resumed on a state directory feeds the lines of its input that the stream does not hold yet: each run's
    // input is the previous one's and more
    List<String> second = new ArrayList<>(first);
    for (int i = 0; i < 12; i++) {
      second.add(transfer(i == 3 ? Transfers.HELD : "acct" + (i % 4), 5));
    }
    CompletableFuture<RunSummary> stalling = runInBackground(plan, options(input("second", second), state));
    // the same single shard behind for 2 s: the stalled one (a shard of transfers-2 is briefly behind when records
    // reach it, and a stage commits its input before its output reaches the next stage's stream)
    JsonNode stalled = awaitStatus(state, stalling, s -> allCaughtUp(s, 0) && notCaughtUp(s, 1) == 1);
    JsonNode heldShard = behind(stalled);
    long stableSince = System.nanoTime();
    while (System.nanoTime() - stableSince < Duration.ofSeconds(2).toNanos()) {
      Thread.sleep(200);
      JsonNode again = awaitStatus(state, stalling, s -> allCaughtUp(s, 0) && notCaughtUp(s, 1) == 1);
      if (!behind(again).get("shard").equals(heldShard.get("shard"))) {
        heldShard = behind(again);
        stableSince = System.nanoTime();
      }
    }
    JsonNode held = behind(statusJson(state));
    Thread.sleep(2_000);
    OperationsOnLocalRunTest.Result stalledText = runnel("status", JOB, "--state-dir", state.toString());
    JsonNode later = statusJson(state);
    JsonNode heldLater = shards(later, 1).stream()
        .filter(s -> s.get("shard").asText().equals(held.get("shard").asText())).findFirst().orElseThrow();
    assertThat(heldLater.get("caughtUp").asBoolean()).isFalse();
    assertThat(heldLater.get("committed").asText()).isEqualTo(held.get("committed").asText());
    assertThat(heldLater.get("oldestUnreadAgeMillis").asLong())
        .isGreaterThanOrEqualTo(held.get("oldestUnreadAgeMillis").asLong() + 2_000);
    assertThat(stalledText.out()).contains("(running)", "caught up");
    ReadmeSample.check(PAGE, "stall: status", stalledText.out(), state, SHOWN_DIR);
    Transfers.Controls.release();
    assertThat(stalling.get(WAIT.toSeconds(), TimeUnit.SECONDS).deadLetters()).hasSize(2); // the first run's, no more

    // 3. falling behind: each record takes 50 ms in the keyed stage, the input fills faster
    Transfers.Controls.pace(50);
    List<String> third = new ArrayList<>(second);
    for (int i = 0; i < 200; i++) {
      third.add(transfer("acct" + (i % 8), 1));
    }
    CompletableFuture<RunSummary> slow = runInBackground(plan, options(input("third", third), state));
    JsonNode behind = awaitStatus(state, slow, s -> allCaughtUp(s, 0) && notCaughtUp(s, 1) == 2);
    OperationsOnLocalRunTest.Result behindText = runnel("status", JOB, "--state-dir", state.toString());
    for (JsonNode shard : shards(behind, 1)) {
      assertThat(shard.get("oldestUnreadAgeMillis").isNull()).as(shard.toString()).isFalse();
    }
    ReadmeSample.check(PAGE, "falls behind: status", behindText.out(), state, SHOWN_DIR);
    assertThat(slow.get(WAIT.toSeconds(), TimeUnit.SECONDS).deadLetters()).hasSize(2);
    JsonNode after = statusJson(state);
    assertThat(allCaughtUp(after, 0) && allCaughtUp(after, 1)).as(after.toString()).isTrue();
  }

  private static String transfer(String account, long amount) {
    return "{\"account\":\"" + account + "\",\"amount\":" + amount + "}";
  }

  private Path input(String name, List<String> lines) throws IOException {
    return Files.write(dir.resolve(name + ".jsonl"), lines, StandardCharsets.UTF_8);
  }

  private static RunOptions options(Path input, Path state) {
    return RunOptions.defaults().withInputs(List.of(InputSource.file("transfers-in", input))).withStateDir(state);
  }

  private static CompletableFuture<RunSummary> runInBackground(Plan plan, RunOptions options) {
    CompletableFuture<RunSummary> run = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        run.complete(LocalRunner.run(plan, options));
      } catch (Throwable e) {
        run.completeExceptionally(e);
      }
    }, "transfers-run");
    thread.setDaemon(true);
    thread.start();
    return run;
  }

  /**
   * The JSON of {@code status} of the run going on in {@code state}, read until {@code until} holds. Reads start once
   * the run has published its emulators' endpoints: a {@code status} on an idle directory holds it while it reads,
   * and a run starting then would find it taken.
   */
  private static JsonNode awaitStatus(Path state, CompletableFuture<RunSummary> run, Predicate<JsonNode> until)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (StateDirectory.publishedEndpoints(state).isEmpty()) {
      if (run.isDone()) {
        throw new AssertionError("the run ended before it published its endpoints: " + run.get());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the run never published its emulators' endpoints in " + state);
      }
      Thread.sleep(100);
    }
    Object last = null;
    while (System.nanoTime() < deadline && !run.isDone()) {
      try {
        JsonNode status = statusJson(state);
        if (until.test(status)) {
          return status;
        }
        last = status;
      } catch (RuntimeException e) {
        last = e; // the run's emulators are starting or stopping
      }
      Thread.sleep(200);
    }
    String ended = run.isDone() ? run.handle((summary, failure) -> failure == null ? "ended: " + summary
        : "failed: " + failure).get() : "still running";
    throw new AssertionError("status never showed the situation (the run " + ended + "); last read: " + last);
  }

  private static JsonNode statusJson(Path state) throws IOException {
    OperationsOnLocalRunTest.Result status = runnel("status", JOB, "--state-dir", state.toString(), "--json");
    if (status.code() != 0) {
      throw new IllegalStateException(status.err());
    }
    return JSON.readTree(status.out());
  }

  /** The only shard of the keyed stage that is not caught up. */
  private static JsonNode behind(JsonNode status) {
    return shards(status, 1).stream().filter(s -> !s.get("caughtUp").asBoolean()).findFirst().orElseThrow();
  }

  private static List<JsonNode> shards(JsonNode status, int stage) {
    return StreamSupport.stream(status.at("/stages/" + stage + "/shards").spliterator(), false).toList();
  }

  private static boolean allCaughtUp(JsonNode status, int stage) {
    return notCaughtUp(status, stage) == 0 && !shards(status, stage).isEmpty();
  }

  private static long notCaughtUp(JsonNode status, int stage) {
    return shards(status, stage).stream().filter(s -> !s.get("caughtUp").asBoolean()).count();
  }
}
