package dev.runnel.examples.hotitems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.SinkRecords;
import dev.runnel.examples.hotitems.HotItems.AuctionBids;
import dev.runnel.examples.hotitems.HotItems.Bid;
import dev.runnel.examples.hotitems.HotItems.TopAuctions;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HotItems end to end on kinesis-local and DynamoDB Local, with end of input firing the last windows. The expected
 * rankings are computed here from the input alone: each bid counted in the ten one-minute-aligned windows of ten
 * minutes that hold it, then per window end the three auctions with the most bids (equal counts by name).
 */
class HotItemsLocalRunTest {
  private static final long MINUTE = 60_000;
  private static final long SIZE = 10 * MINUTE;

  private static List<Bid> input;
  private static RunSummary summary;

  @BeforeAll
  static void runTheJob() {
    input = HotItemsInput.FILE.records(Bid.class);
    summary = LocalRunner.run(HotItems.class, RunOptions.defaults());
  }

  @Test
  void everyWindowEndHoldsItsTopThreeAuctions() {
    Map<String, TopAuctions> expected = expectedTop(input);
    assertThat(expected).hasSize(18 + 10 - 1);
    assertThat(expected.values().stream().map(t -> t.top().get(0).auction()).distinct().count())
        .as("the leading auction changes over time").isGreaterThan(1);
    List<TopAuctions> table = SinkRecords.of(summary, "hotitems-top", TopAuctions.class);
    Map<String, TopAuctions> actual = new TreeMap<>();
    table.forEach(top -> actual.put(top.windowEnd(), top));
    assertThat(table).hasSameSizeAs(actual.values());
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void eachAuctionsCountReachesTheRankingOncePerWindow() {
    long counts = countsPerWindow(input).values().stream().mapToLong(Map::size).sum();
    // delivery is at least once (a retried round resends its results, a retried batch reprints its console lines);
    // what the stage applied is exactly once: every record in, less those it dropped as copies or redeliveries
    var ranking = summary.stage("hotitems-3").orElseThrow();
    assertThat(ranking.recordsIn() - ranking.skipped()).isEqualTo(counts);
    assertThat(SinkRecords.of(summary, "hotitems-console", TopAuctions.class)).hasSizeGreaterThanOrEqualTo((int) counts);
    assertThat(summary.deadLetters()).isEmpty();
    assertThat(summary.discardedBatches()).isEmpty();
  }

  /** Per window end (ISO), each auction's bids in the window. */
  private static Map<String, Map<String, Long>> countsPerWindow(List<Bid> bids) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (Bid bid : bids) {
      long lastStart = bid.at() - Math.floorMod(bid.at(), MINUTE);
      for (long start = lastStart; start > bid.at() - SIZE; start -= MINUTE) {
        String end = Instant.ofEpochMilli(start + SIZE).toString();
        counts.computeIfAbsent(end, e -> new HashMap<>()).merge(bid.auction(), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static Map<String, TopAuctions> expectedTop(List<Bid> bids) {
    Map<String, TopAuctions> top = new TreeMap<>();
    countsPerWindow(bids).forEach((end, perAuction) -> {
      List<AuctionBids> ranked = new ArrayList<>();
      perAuction.forEach((auction, n) -> ranked.add(new AuctionBids(auction, end, n)));
      ranked.sort(HotItems.RANKING);
      top.put(end, new TopAuctions(end, List.copyOf(ranked.subList(0, Math.min(HotItems.TOP, ranked.size())))));
    });
    return top;
  }
}
