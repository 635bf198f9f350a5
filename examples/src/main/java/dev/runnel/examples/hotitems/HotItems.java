package dev.runnel.examples.hotitems;

import dev.runnel.api.Aggregate;
import dev.runnel.api.EventTime;
import dev.runnel.api.KeyBy;
import dev.runnel.api.MapState;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Window;
import dev.runnel.api.Windowed;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Hot items, the shape of Nexmark query 5: every minute, the auctions with the most bids over the last ten minutes.
 * Bids are counted per auction in sliding windows; the counts are then regrouped by window end, where each window's
 * top three is kept up to date as its auctions' counts arrive.
 *
 * <pre>
 * bids-in ═(key: auction)═▶ bidsPerAuction [10-minute windows every minute]
 *         ═(key: windowEnd)═▶ top [counts] ─▶ hotitems-top (table), console
 * </pre>
 */
@StreamingJob("hotitems")
public class HotItems {
  /** How many auctions a window's ranking keeps. */
  static final int TOP = 3;

  /** A bid on an auction; {@code at} is when it was placed, epoch milliseconds. */
  @Source(stream = "bids-in", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT10S", idleAfter = "PT30S")
  @KeyBy("auction")
  public record Bid(String id, String auction, String bidder, long priceCents, long at) {}

  /** An auction's bids in the ten minutes before {@code windowEnd} (an ISO instant). */
  public record AuctionBids(String auction, String windowEnd, long bids) {}

  /** The most bid-on auctions of the window ending at {@code windowEnd}, most bids first. */
  public record TopAuctions(String windowEnd, List<AuctionBids> top) {}

  /** Most bids first; equal counts by auction name, so the ranking does not depend on arrival order. */
  static final Comparator<AuctionBids> RANKING = Comparator.comparingLong(AuctionBids::bids).reversed()
      .thenComparing(AuctionBids::auction);

  /** Counts each auction's bids over ten minutes, every minute. */
  @Window(from = "bids-in", size = "PT10M", slide = "PT1M")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @KeyBy("windowEnd")
  public AuctionBids bidsPerAuction(Windowed<Long> window) {
    return new AuctionBids(window.key(), Instant.ofEpochMilli(window.end()).toString(), window.value());
  }

  /** Keeps every auction's count for one window end and emits the window's current top three. */
  @KeyedProcess(from = "bidsPerAuction")
  @Sink(table = "hotitems-top", key = "windowEnd")
  @Sink(name = "hotitems-console", console = true)
  public TopAuctions top(AuctionBids counted, @State(value = "bids", ttl = "P1D") MapState<String, Long> bids) {
    bids.put(counted.auction(), counted.bids());
    List<AuctionBids> top = bids.entries().entrySet().stream()
        .map(e -> new AuctionBids(e.getKey(), counted.windowEnd(), e.getValue()))
        .sorted(RANKING).limit(TOP).toList();
    return new TopAuctions(counted.windowEnd(), top);
  }
}
