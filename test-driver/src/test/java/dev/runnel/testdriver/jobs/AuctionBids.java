package dev.runnel.testdriver.jobs;

import dev.runnel.api.EventTime;
import dev.runnel.api.IntervalJoin;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;

/**
 * An interval join: each auction with the bids on it from 2 seconds before it (clocks disagree) to 10 seconds after.
 * Auctions arrive on two shards, bids on one, keyed by a long and a Long.
 */
@StreamingJob("early-bids")
public class AuctionBids {
  /** How far before the auction a bid still pairs with it. */
  public static final long LOWER = -2_000;
  /** How far after the auction a bid still pairs with it. */
  public static final long UPPER = 10_000;

  @Source(stream = "auctions", shards = 2) @EventTime(field = "at", maxOutOfOrderness = "PT3S") @KeyBy("id")
  public record Auction(long id, String item, long at) {}

  @Source(stream = "bids") @EventTime(field = "at", maxOutOfOrderness = "PT3S") @KeyBy("auction")
  public record Bid(Long auction, long price, long at) {}

  public record EarlyBid(long auction, String item, long price, long bidAt) {}

  @IntervalJoin(left = "auctions", right = "bids", lowerBound = "-PT2S", upperBound = "PT10S")
  @Sink(name = "early", console = true)
  public EarlyBid early(Auction auction, Bid bid) {
    return new EarlyBid(auction.id(), auction.item(), bid.price(), bid.at());
  }
}
