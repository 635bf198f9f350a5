package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.EventTime;
import dev.runnel.api.IntervalJoin;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;

/** Each auction with the bids on it from a second before it to 5 seconds after (an interval join). */
@StreamingJob("near")
public class BidsNearAuctions {
  /** A new auction. */
  @Source(stream = "n-auctions", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT1S")
  @KeyBy("id")
  public record Auction(long id, long at) {}

  /** A bid on auction {@code auction}. */
  @Source(stream = "n-bids")
  @EventTime(field = "at", maxOutOfOrderness = "PT1S")
  @KeyBy("auction")
  public record Bid(long id, long auction, long at) {}

  /** One pair; {@code id} is auction@bid. */
  public record Pair(String id, long auction, long bid) {}

  /** One result per auction and bid of it within the bounds. */
  @IntervalJoin(left = "n-auctions", right = "n-bids", lowerBound = "-PT1S", upperBound = "PT5S")
  @Sink(table = "n-pairs", key = "id")
  public Pair pair(Auction auction, Bid bid) {
    return new Pair(auction.id() + "@" + bid.id(), auction.id(), bid.id());
  }
}
