package dev.runnel.nexmark.queries;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.Filter;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import java.util.List;

/**
 * Nexmark q5, hot items: in sliding windows of 10 s every 2 s, every auction with the most bids, ties included.
 * Bids are counted per auction and window; the counts are regrouped by window end, where a tumbling 2 s window (each
 * count carries its window's last timestamp, {@code end - 1}) keeps the highest count and the auctions that have it.
 *
 * <pre>
 * nexmark-events ─▶ bids ─▶ auctionOf ═(key: auction)═▶ count [10 s every 2 s]
 *                ═(key: windowEnd)═▶ hottest [2 s, max and ties] ─▶ q5-out
 * </pre>
 */
@StreamingJob("nexmark-q5")
public class Q5 {
  /** One Nexmark event: exactly one of person, auction, bid, as {@code eventType} (0, 1, 2) says. */
  @Source(stream = "nexmark-events", shards = 2)
  @EventTime(field = "dateTime", maxOutOfOrderness = "PT4S")
  public record Event(int eventType, Person person, Auction auction, Bid bid, long dateTime) {}

  /** The auction a bid is on. */
  public record AuctionBid(long auction) {}

  /** How many bids an auction had in the window {@code [windowStart, windowEnd)}. */
  public record AuctionCount(long auction, long num, long windowStart, long windowEnd) {}

  /** An output row: an auction with the most bids of its window. */
  public record Row(long auction, long num, long windowStart, long windowEnd) {}

  /** Keeps the bids. */
  @Filter(from = "nexmark-events")
  public boolean bids(Event event) {
    return event.eventType() == 2;
  }

  /** The bid's auction, the key of the count. */
  @MapEach(from = "bids")
  @KeyBy("auction")
  public AuctionBid auctionOf(Event event) {
    return new AuctionBid(event.bid().auction());
  }

  /** Bids per auction over 10 s, every 2 s. */
  @Window(from = "auctionOf", size = "PT10S", slide = "PT2S")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @KeyBy("windowEnd")
  public AuctionCount count(Windowed<Long> window) {
    return new AuctionCount(Long.parseLong(window.key()), window.value(), window.start(), window.end());
  }

  /** The auctions with the highest count of one sliding window. */
  @Window(from = "count", size = "PT2S")
  @Aggregate(function = MostBids.class)
  @Sink(stream = "q5-out")
  public List<Row> hottest(Windowed<List<AuctionCount>> window) {
    return window.value().stream().map(c -> new Row(c.auction(), c.num(), c.windowStart(), c.windowEnd())).toList();
  }
}
