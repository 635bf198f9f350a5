package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.BidsNearAuctions;
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
 * An interval join of two sources, run by the local runner on kinesis-local and DynamoDB Local: both inputs
 * repartitioned into the join's stream, tagged by side, paired as they arrive against the key's buffers. The pairs
 * table must hold exactly the pairs a nested loop over the two inputs finds, and no record may be late.
 */
class IntervalJoinRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void thePairsTableHoldsExactlyTheReferencePairs() throws Exception {
    Random random = new Random(1617);
    List<String> auctions = new ArrayList<>();
    List<String> bids = new ArrayList<>();
    long[][] auctionRows = new long[80][];
    long[][] bidRows = new long[80][];
    for (int i = 0; i < 80; i++) {
      // in time order, up to 500 ms out of order: within the declared second
      long at = WindowInputs.BASE + i * 500L + random.nextInt(500);
      auctionRows[i] = new long[] {random.nextInt(10), at};
      auctions.add("{\"id\":" + auctionRows[i][0] + ",\"at\":" + at + "}");
      long bidAt = WindowInputs.BASE + i * 500L + random.nextInt(500);
      bidRows[i] = new long[] {1000 + i, random.nextInt(10), bidAt};
      bids.add("{\"id\":" + bidRows[i][0] + ",\"auction\":" + bidRows[i][1] + ",\"at\":" + bidAt + "}");
    }
    Path auctionsFile = dir.resolve("auctions.jsonl");
    Path bidsFile = dir.resolve("bids.jsonl");
    Files.write(auctionsFile, auctions, StandardCharsets.UTF_8);
    Files.write(bidsFile, bids, StandardCharsets.UTF_8);
    Plan plan = Planner.plan(BidsNearAuctions.class);

    RunSummary summary = LocalRunner.run(plan, RunOptions.defaults()
        .withInputs(List.of(InputSource.file("n-auctions", auctionsFile), InputSource.file("n-bids", bidsFile)))
        .withPollInterval(Duration.ofMillis(100))
        .withTickEvery(Duration.ofMillis(500)));
    new SummaryPrinter(3).print(summary, System.out);

    assertThat(summary.deadLetters()).as("dead letters (late records)").isEmpty();
    Set<String> expected = new TreeSet<>();
    for (long[] auction : auctionRows) {
      for (long[] bid : bidRows) {
        if (auction[0] == bid[1] && bid[2] >= auction[1] - 1_000 && bid[2] <= auction[1] + 5_000) {
          expected.add(auction[0] + "@" + bid[0]);
        }
      }
    }
    assertThat(expected).as("the inputs make pairs").hasSizeGreaterThan(20);
    Set<String> actual = new TreeSet<>();
    for (String item : summary.sink("n-pairs").orElseThrow().records()) {
      JsonNode pair = JSON.readTree(item);
      actual.add(pair.get("auction").asLong() + "@" + pair.get("bid").asLong());
    }
    assertThat(actual).isEqualTo(expected);
  }
}
