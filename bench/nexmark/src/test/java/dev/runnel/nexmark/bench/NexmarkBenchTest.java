package dev.runnel.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.runnel.plan.StateLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench command runs, prints its table and appends one CSV row per measured run, and the counts it reports come
 * from real requests: a stateless query writes no state, a keyed windowed one writes state, checkpoints, progress
 * and timers. No timing is asserted. (These 20,000 events hold a bid exactly 10 s after its bidder's previous one,
 * which q11 must put in the same session, as Flink does: with the job's window gap at exactly 10 s the run differs
 * from the reference and the command returns 1.)
 */
class NexmarkBenchTest {
  @TempDir
  Path directory;

  @Test
  void printsTheTableAndAppendsARowPerRun() throws Exception {
    Path csv = directory.resolve("results.csv");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = NexmarkBench.run(new String[] {"q2,q11", "20000", "1000", "1000", csv.toString()},
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(exit).isZero();
    String table = printed.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("ev/CPU-s", "q2 ", "q11 ", "appended to " + csv);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(ResultsCsv.HEADER);
    assertThat(lines.get(1)).contains(",q2,1000,20000,");
    assertThat(lines.get(2)).contains(",q11,1000,20000,");
  }

  @Test
  void countsStateCheckpointProgressAndTimerRequestsOfAWindowedQueryAndNoneOfAStatelessOne() {
    RunFigures q2 = NexmarkRun.run(new RunSettings(NexmarkQuery.Q2, 10_000, 1_000, 1_000));
    assertThat(q2.dynamoDb().writeUnits()).isZero();
    assertThat(q2.invocations()).isEqualTo(10);
    assertThat(q2.putRecords()).isEqualTo(q2.outputRows());

    // the per-key layout, whose timer index a round queries (the log layout has none)
    RunFigures q11 = NexmarkRun.run(new RunSettings(NexmarkQuery.Q11, 10_000, 1_000, 1_000, StateLayout.KEYS));
    assertThat(q11.state().writeUnits()).isPositive();
    // beyond the state: a checkpoint commit per batch at least, progress publishes and timer-index writes
    assertThat(q11.checkpoints().writeUnits()).isGreaterThanOrEqualTo(q11.invocations());
    assertThat(q11.progress().writeUnits()).isPositive();
    assertThat(q11.timers().writeUnits()).isPositive();
    // the repartition and the sink records, plus watermark markers
    assertThat(q11.putRecords()).isGreaterThan(9_200 + q11.outputRows());
    assertThat(ListPrices.dynamoDb(q11)).isGreaterThan(ListPrices.dynamoDb(q2));

    RunFigures q11log = NexmarkRun.run(new RunSettings(NexmarkQuery.Q11, 10_000, 1_000, 1_000));
    assertThat(q11log.state().writeUnits()).as("the state log").isPositive();
    assertThat(q11log.timers().writeUnits()).as("no timer index in the log layout").isZero();
    assertThat(q11log.checkpoints().writeUnits()).isGreaterThanOrEqualTo(q11log.invocations());
  }
}
