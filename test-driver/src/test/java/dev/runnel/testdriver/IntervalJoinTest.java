package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.StateLayout;
import dev.runnel.testdriver.jobs.AuctionBids;
import dev.runnel.testdriver.jobs.AuctionBids.Auction;
import dev.runnel.testdriver.jobs.AuctionBids.Bid;
import dev.runnel.testdriver.jobs.AuctionBids.EarlyBid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An interval join run by the real stage handlers in the driver, in both state layouts: every pair of an auction and
 * a bid on it from 2 s before to 10 s after it is emitted once, as soon as its second record arrives (no watermark
 * needed), equal to a nested loop over the inputs; the buffers are dropped once the watermark passes the last time a
 * partner can arrive; a record at or below the watermark is late.
 */
class IntervalJoinTest {
  /** An hour before processing time starts: event times may not run more than a day ahead of arrival. */
  private static final long START = JobTestDriver.DEFAULT_START.toEpochMilli() - 3_600_000;

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void everyPairIsEmittedOnceAsSoonAsItsSecondRecordArrives(StateLayout layout) {
    Random random = new Random(1616);
    List<Auction> auctions = new ArrayList<>();
    List<Bid> bids = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      // in time order, up to a second out of order (the sources allow three)
      auctions.add(new Auction(random.nextInt(10), "item" + i, START + i * 500L + random.nextInt(1_000)));
      bids.add(new Bid((long) random.nextInt(10), i, START + i * 500L + random.nextInt(1_000)));
    }
    JobTestDriver driver = JobTestDriver.builder(AuctionBids.class).stateLayout(layout).build();
    List<EarlyBid> expected = reference(auctions, bids);
    assertThat(expected).as("the inputs make pairs").hasSizeGreaterThan(60);

    for (int from = 0; from < 80; from += 10) {
      driver.pipe("auctions", auctions.subList(from, from + 10));
      driver.pipe("bids", bids.subList(from, from + 10));
      List<Auction> seenAuctions = auctions.subList(0, from + 10);
      List<Bid> seenBids = bids.subList(0, from + 10);
      assertThat(driver.output("early", EarlyBid.class)).as("after %d records of each side", from + 10)
          .containsExactlyInAnyOrderElementsOf(reference(seenAuctions, seenBids));
    }
    driver.endInput();
    assertThat(driver.output("early", EarlyBid.class)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(driver.deadLetters()).isEmpty();
    for (int key = 0; key < 10; key++) {
      assertThat(driver.state("early", "buffers", Integer.toString(key), List.class))
          .as("key %d's buffers after the final watermark", key).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void recordsAreDroppedWhenNoPartnerCanArriveAndLateOnesAreDeadLetters(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(AuctionBids.class).stateLayout(layout).build();
    driver.pipe("auctions", new Auction(7, "lamp", START + 10_000));
    driver.pipe("bids", new Bid(7L, 1, START + 8_000), new Bid(7L, 2, START + 7_999), new Bid(7L, 3, START + 20_000),
        new Bid(7L, 4, START + 20_001));
    assertThat(driver.output("early", EarlyBid.class)).as("bounds are inclusive: 2 s before to 10 s after")
        .containsExactly(new EarlyBid(7, "lamp", 1, START + 8_000), new EarlyBid(7, "lamp", 3, START + 20_000));
    assertThat(driver.state("early", "buffers", "7", List.class)).get().asList().hasSize(5);

    driver.advanceWatermark(Instant.ofEpochMilli(START + 19_000));
    assertThat(driver.state("early", "buffers", "7", List.class)).as("the bids up to 8 s wait for auctions up to"
        + " 10 s, which are late now").get().asList().hasSize(3);
    driver.advanceWatermark(Instant.ofEpochMilli(START + 20_000));
    assertThat(driver.state("early", "buffers", "7", List.class)).as("the auction waits for bids up to 20 s")
        .get().asList().hasSize(2);

    driver.pipe("bids", new Bid(7L, 5, START + 20_000));
    assertThat(driver.deadLetters()).singleElement().satisfies(dead -> {
      assertThat(dead.errorType()).isEqualTo("late");
      assertThat(dead.payload()).contains("\"price\":5");
    });
    driver.pipe("auctions", new Auction(7, "vase", START + 21_000));
    assertThat(driver.output("early", EarlyBid.class)).as("the vase meets the bids still buffered")
        .contains(new EarlyBid(7, "vase", 3, START + 20_000), new EarlyBid(7, "vase", 4, START + 20_001))
        .hasSize(4);
  }

  /** The pairs an interval join must emit: a nested loop over both inputs. */
  private static List<EarlyBid> reference(List<Auction> auctions, List<Bid> bids) {
    List<EarlyBid> pairs = new ArrayList<>();
    for (Auction auction : auctions) {
      for (Bid bid : bids) {
        if (auction.id() == bid.auction() && bid.at() >= auction.at() + AuctionBids.LOWER
            && bid.at() <= auction.at() + AuctionBids.UPPER) {
          pairs.add(new EarlyBid(auction.id(), auction.item(), bid.price(), bid.at()));
        }
      }
    }
    return pairs;
  }
}
