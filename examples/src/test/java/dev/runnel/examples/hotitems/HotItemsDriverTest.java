package dev.runnel.examples.hotitems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.examples.hotitems.HotItems.AuctionBids;
import dev.runnel.examples.hotitems.HotItems.Bid;
import dev.runnel.examples.hotitems.HotItems.TopAuctions;
import dev.runnel.testdriver.JobTestDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HotItems in JobTestDriver (no emulator), with end of input firing the last windows. The expected
 * rankings are computed here from the input alone: each bid counted in the ten one-minute-aligned windows of ten
 * minutes that hold it, then per window end the three auctions with the most bids (equal counts by name).
 */
class HotItemsDriverTest {
  private static final long MINUTE = 60_000;
  private static final long SIZE = 10 * MINUTE;

  private static List<Bid> input;
  private static JobTestDriver driver;

  @BeforeAll
  static void runTheJob() {
    input = HotItemsInput.FILE.records(Bid.class);
    driver = JobTestDriver.of(HotItems.class);
    // fed as a producer would, 50 bids per put; one put of all 360 bids (two batches per source shard) loses bids
    // from the sliding windows: the runtime bug test-driver's SlidingWindowsTest describes
    List<String> lines = HotItemsInput.FILE.lines();
    for (int from = 0; from < lines.size(); from += 50) {
      driver.pipeRaw("bids-in", lines.subList(from, Math.min(lines.size(), from + 50)).toArray(String[]::new));
    }
    driver.endInput();
  }

  @Test
  void everyWindowEndHoldsItsTopThreeAuctions() {
    Map<String, TopAuctions> expected = expectedTop(input);
    assertThat(expected).hasSize(18 + 10 - 1);
    assertThat(expected.values().stream().map(t -> t.top().get(0).auction()).distinct().count())
        .as("the leading auction changes over time").isGreaterThan(1);
    List<TopAuctions> table = driver.table("hotitems-top", TopAuctions.class);
    Map<String, TopAuctions> actual = new TreeMap<>();
    table.forEach(top -> actual.put(top.windowEnd(), top));
    assertThat(table).hasSameSizeAs(actual.values());
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void eachAuctionsCountReachesTheRankingOncePerWindow() {
    long counts = countsPerWindow(input).values().stream().mapToLong(Map::size).sum();
    // nothing crashes in the driver, so nothing is resent: one ranking per count, each window's last the reference
    List<TopAuctions> printed = driver.output("hotitems-console", TopAuctions.class);
    assertThat(printed).hasSize((int) counts);
    Map<String, TopAuctions> last = new TreeMap<>();
    printed.forEach(top -> last.put(top.windowEnd(), top));
    assertThat(last).isEqualTo(expectedTop(input));
    assertThat(driver.deadLetters()).isEmpty();
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
