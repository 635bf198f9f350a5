package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.SellerJoin;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tumbling window join of two sources, run by the local runner on kinesis-local and DynamoDB Local: both inputs
 * repartitioned into the join's stream, tagged by side, and the join's stage following both watermarks. The pairs
 * table must then hold exactly the pairs a nested loop over the two inputs finds, and no record may be late.
 */
class WindowJoinRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SIZE = 10_000;

  @TempDir
  Path dir;

  @Test
  void thePairsTableHoldsExactlyTheReferencePairs() throws Exception {
    Random random = new Random(1616);
    List<String> persons = new ArrayList<>();
    List<String> auctions = new ArrayList<>();
    long[][] personRows = new long[80][];
    long[][] auctionRows = new long[80][];
    for (int i = 0; i < 80; i++) {
      // in time order, up to 500 ms out of order: within the declared second
      long at = WindowInputs.BASE + i * 500L + random.nextInt(500);
      personRows[i] = new long[] {random.nextInt(10), at};
      persons.add("{\"id\":" + personRows[i][0] + ",\"name\":\"p" + i + "\",\"at\":" + at + "}");
      long auctionAt = WindowInputs.BASE + i * 500L + random.nextInt(500);
      auctionRows[i] = new long[] {1000 + i, random.nextInt(10), auctionAt};
      auctions.add("{\"id\":" + auctionRows[i][0] + ",\"seller\":" + auctionRows[i][1] + ",\"at\":" + auctionAt + "}");
    }
    Path personsFile = dir.resolve("persons.jsonl");
    Path auctionsFile = dir.resolve("auctions.jsonl");
    Files.write(personsFile, persons, StandardCharsets.UTF_8);
    Files.write(auctionsFile, auctions, StandardCharsets.UTF_8);
    Plan plan = Planner.plan(SellerJoin.class);

    RunSummary summary = LocalRunner.run(plan, RunOptions.defaults()
        .withInputs(List.of(InputSource.file("j-persons", personsFile), InputSource.file("j-auctions", auctionsFile)))
        .withPollInterval(Duration.ofMillis(100))
        .withTickEvery(Duration.ofMillis(500)));
    new SummaryPrinter(3).print(summary, System.out);

    assertThat(summary.deadLetters()).as("dead letters (late records)").isEmpty();
    Set<String> expected = new TreeSet<>();
    for (long[] person : personRows) {
      for (long[] auction : auctionRows) {
        long window = Math.floorDiv(person[1], SIZE) * SIZE;
        if (person[0] == auction[1] && window == Math.floorDiv(auction[2], SIZE) * SIZE) {
          expected.add(person[0] + "@" + auction[0] + "@" + window);
        }
      }
    }
    assertThat(expected).as("the inputs make pairs").hasSizeGreaterThan(20);
    Set<String> actual = new TreeSet<>();
    for (String item : summary.sink("j-pairs").orElseThrow().records()) {
      JsonNode pair = JSON.readTree(item);
      actual.add(pair.get("person").asLong() + "@" + pair.get("auction").asLong() + "@" + pair.get("start").asLong());
    }
    assertThat(actual).isEqualTo(expected);
  }
}
