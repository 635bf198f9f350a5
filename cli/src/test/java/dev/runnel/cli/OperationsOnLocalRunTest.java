package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.cli.jobs.Payments;
import dev.runnel.cli.jobs.PaymentsFixed;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.run.StateDirectory;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.operations.deadletters.DeadLetterEntry;
import dev.runnel.operations.deadletters.DeadLetterReplay;
import dev.runnel.operations.deadletters.DeadLetterTable;
import dev.runnel.operations.deadletters.ReplayOutcome;
import dev.runnel.operations.state.KeyStateReader;
import dev.runnel.operations.state.KeyStateView;
import dev.runnel.operations.target.LocalRunTarget;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations commands on a local run's state directory (DynamoDB Local and kinesis-local): {@code Payments}
 * dead-letters its refunds; {@code status}, {@code dead-letters list|show} and {@code state get} read the stopped
 * run (and {@code status} a running one through its published endpoints); {@code dead-letters replay} with the fixed
 * job puts each refund back once, even when two replays race; the fixed job, resumed on the directory, applies every
 * replayed refund exactly once: its balances equal the sum of every payment, however often replay is run.
 */
class OperationsOnLocalRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STAGE = "payments-2";
  /** The state directory as the README shows it. */
  private static final String SHOWN_DIR = "/tmp/payments";

  @TempDir
  Path dir;

  @Test
  void readsAStoppedRunAndReplaysItsDeadLettersOnceIntoTheFixedJob() throws Exception {
    Path input = payments(dir.resolve("payments.jsonl"));
    Path state = dir.resolve("state");
    Plan buggy = Planner.plan(Payments.class);
    RunSummary first = LocalRunner.run(buggy, options(input, state));
    assertThat(first.deadLetters()).hasSize(REFUNDS);

    Result status = runnel("status", Payments.class.getName(), "--state-dir", state.toString());
    assertThat(status.code).as(status.err).isZero();
    ReadmeSample.check("status", status.out, state, SHOWN_DIR);
    assertThat(status.out).contains("job payments", "payments-1", STAGE, "shardId-000000000000", "caught up",
        "cost unavailable: a local run keeps its model calls and cost in memory");
    assertThat(status.out.lines().filter(l -> l.startsWith(STAGE + "  payments-in-keyed")))
        .singleElement().asString().contains("  " + REFUNDS + "  ");
    JsonNode statusJson = JSON.readTree(runnel("status", Payments.class.getName(), "--state-dir", state.toString(),
        "--json").out);
    assertThat(statusJson.get("stages")).hasSize(2);
    assertThat(statusJson.at("/stages/1/deadLetters").asLong()).isEqualTo(REFUNDS);
    for (JsonNode shard : statusJson.at("/stages/1/shards")) {
      assertThat(shard.get("committed").asText()).matches("\\d+");
      assertThat(shard.get("caughtUp").asBoolean()).isTrue();
    }

    Result list = runnel("dead-letters", "list", Payments.class.getName(), "--state-dir", state.toString());
    assertThat(list.out).contains(REFUNDS + " dead letter(s)", "operator");
    ReadmeSample.check("dead-letters list", list.out, state, SHOWN_DIR);
    JsonNode listed = JSON.readTree(runnel("dead-letters", "list", Payments.class.getName(), "--state-dir",
        state.toString(), "--json").out);
    assertThat(listed).hasSize(REFUNDS);
    String firstId = listed.get(0).get("id").asText();
    Result show = runnel("dead-letters", "show", Payments.class.getName(), firstId, "--state-dir", state.toString());
    assertThat(show.out).contains("refunds are not supported yet", "\"amount\":-", "error type:   operator");
    ReadmeSample.check("dead-letters show", show.out, state, SHOWN_DIR);

    Result key = runnel("state", "get", Payments.class.getName(), STAGE, "acct1", "--state-dir", state.toString(),
        "--json");
    JsonNode before = JSON.readTree(key.out);
    assertThat(before.get("found").asBoolean()).isTrue();
    assertThat(before.get("version").asText()).matches("shardId-\\d+/\\d+( \\(checkpoint revision \\d+\\))?");
    assertThat(before.at("/states/apply~1balance").asLong()).isEqualTo(expected(false).get("acct1"));
    ReadmeSample.check("state get", runnel("state", "get", Payments.class.getName(), STAGE, "acct1", "--state-dir",
        state.toString()).out, state, SHOWN_DIR);

    Result replayed = runnel("dead-letters", "replay", PaymentsFixed.class.getName(), firstId, "--state-dir",
        state.toString());
    assertThat(replayed.code).as(replayed.err).isZero();
    assertThat(replayed.out).contains("1 of 1 dead letter(s) replayed");
    ReadmeSample.check("dead-letters replay", replayed.out, state, SHOWN_DIR);

    // two replays racing on the same dead letters (one replayed already): each is put once
    Plan fixed = Planner.plan(PaymentsFixed.class);
    List<ReplayOutcome> raced = new ArrayList<>();
    try (LocalRunTarget target = LocalRunTarget.open(fixed, state)) {
      List<DeadLetterEntry> entries = DeadLetterTable.of(target).list(STAGE);
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<List<ReplayOutcome>>> racers = List.of(1, 2).stream().map(i ->
          CompletableFuture.supplyAsync(() -> {
            await(start);
            return new DeadLetterReplay(target, Clock.systemUTC()).replay(entries);
          })).toList();
      start.countDown();
      racers.forEach(r -> raced.addAll(r.join()));
    }
    assertThat(raced.stream().filter(o -> o.result() == ReplayOutcome.Result.REPLAYED)).hasSize(REFUNDS - 1);
    assertThat(raced.stream().filter(o -> o.result() == ReplayOutcome.Result.ALREADY_REPLAYED))
        .hasSize(REFUNDS + 1);

    Result again = runnel("dead-letters", "replay", PaymentsFixed.class.getName(), "--stage", STAGE, "--state-dir",
        state.toString());
    assertThat(again.out).contains("0 of " + REFUNDS + " dead letter(s) replayed", "already replayed");
    ReadmeSample.check("dead-letters replay again", again.out, state, SHOWN_DIR);
    Result listedAfter = runnel("dead-letters", "list", Payments.class.getName(), "--state-dir", state.toString());
    assertThat(listedAfter.out).contains("replayed 20");

    LocalRunner.run(fixed, options(input, state));
    assertThat(balances(state)).isEqualTo(expected(true));
    // a replay after the run puts nothing, and a run after it changes nothing
    runnel("dead-letters", "replay", PaymentsFixed.class.getName(), "--stage", STAGE, "--state-dir", state.toString());
    LocalRunner.run(fixed, options(input, state));
    assertThat(balances(state)).isEqualTo(expected(true));
  }

  @Test
  void statusReadsARunningRunThroughTheEndpointsItPublished() throws Exception {
    Path input = payments(dir.resolve("payments.jsonl"));
    Path state = dir.resolve("state");
    Plan plan = Planner.plan(Payments.class);
    LocalRunner.run(plan, options(input, state));
    RunOptions options = options(input, state);
    try (StateDirectory held = StateDirectory.open(state, plan.job());
         LocalEmulators running = LocalRunner.start(held, options)) {
      Result status = runnel("status", Payments.class.getName(), "--state-dir", state.toString());
      assertThat(status.code).as(status.err).isZero();
      assertThat(status.out).contains("local run in " + state.toAbsolutePath() + " (running)", "caught up");
    }
    assertThat(state.resolve("endpoints")).doesNotExist();
  }

  @Test
  void statesGetReadsAKeyOfAStageInTheLogLayout() throws Exception {
    Path input = payments(dir.resolve("payments.jsonl"));
    Path state = dir.resolve("state");
    Plan plan = Planner.plan(Payments.class, StateLayout.LOG);
    assertThat(plan.stage(STAGE).orElseThrow().layout()).isEqualTo(StateLayout.LOG);
    LocalRunner.run(plan, options(input, state));
    try (LocalRunTarget target = LocalRunTarget.open(plan, state)) {
      KeyStateReader reader = new KeyStateReader(target);
      for (int a = 0; a < ACCOUNTS; a++) {
        KeyStateView view = reader.read(STAGE, "acct" + a);
        assertThat(view.layout()).isEqualTo("log");
        assertThat(view.found()).isTrue();
        assertThat(view.version()).matches("shardId-\\d+/\\d+ \\(checkpoint revision \\d+\\)");
        assertThat(view.states().get("apply/balance").asLong()).isEqualTo(expected(false).get("acct" + a));
      }
      assertThat(reader.read(STAGE, "nobody").found()).isFalse();
    }
  }

  private static final int ACCOUNTS = 5;
  private static final int PAYMENTS = 40;
  private static final int REFUNDS = 4;

  /** Balances per account: of the payments only (the buggy run), or of payments and refunds (the fixed one). */
  private static Map<String, Long> expected(boolean withRefunds) {
    Map<String, Long> balances = new HashMap<>();
    for (int i = 0; i < PAYMENTS; i++) {
      long amount = amount(i);
      if (amount > 0 || withRefunds) {
        balances.merge("acct" + (i % ACCOUNTS), amount, Long::sum);
      }
    }
    return balances;
  }

  private static long amount(int i) {
    return i % 10 == 7 ? -(i + 1) : 10 + i;
  }

  private static Path payments(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < PAYMENTS; i++) {
      lines.add("{\"account\":\"acct" + (i % ACCOUNTS) + "\",\"amount\":" + amount(i) + "}");
    }
    return Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private Map<String, Long> balances(Path state) throws IOException {
    Map<String, Long> balances = new HashMap<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      Result got = runnel("state", "get", PaymentsFixed.class.getName(), STAGE, "acct" + a, "--state-dir",
          state.toString(), "--json");
      balances.put("acct" + a, JSON.readTree(got.out).at("/states/apply~1balance").asLong());
    }
    return balances;
  }

  private static RunOptions options(Path input, Path state) {
    return RunOptions.defaults().withInputs(List.of(InputSource.file("payments-in", input))).withStateDir(state);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Result(int code, String out, String err) {}

  static Result runnel(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RunnelCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }
}
