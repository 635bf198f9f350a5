package dev.runnel.nexmark.queries;

import dev.runnel.api.EventTime;
import dev.runnel.api.Filter;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.ListState;
import dev.runnel.api.OnTimer;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import java.util.ArrayList;
import java.util.List;

/**
 * Nexmark q7, highest bid: for each 10 s tumbling window, every bid whose price equals the window's highest price and
 * whose time lies in {@code [windowEnd - 10 s, windowEnd]}, both ends included (the suite's join condition), so a
 * bid exactly at a window's end is a candidate of that window too, without counting towards its maximum.
 *
 * <p>Every bid of a window is kept, as the suite's join keeps them, spread over {@link #BUCKETS} keys per window so
 * that no key's state outgrows an item. When the watermark reaches the window's end, each bucket sends its bids at its
 * own maximum (and its end-of-window bids) to the window's key, which emits those at the overall maximum.
 *
 * <pre>
 * nexmark-events ─▶ bids ─▶ windowsOf ═(key: bucket)═▶ keep [all bids, timer at window end]
 *                ═(key: windowEnd)═▶ highest [candidates, timer at window end] ─▶ q7-out
 * </pre>
 */
@StreamingJob("nexmark-q7")
public class Q7 {
  /** The window length. */
  public static final long WINDOW_MILLIS = 10_000;
  /** Keys per window that hold its bids. */
  public static final int BUCKETS = 16;

  /** One Nexmark event: exactly one of person, auction, bid, as {@code eventType} (0, 1, 2) says. */
  @Source(stream = "nexmark-events", shards = 2)
  @EventTime(field = "dateTime", maxOutOfOrderness = "PT4S")
  public record Event(int eventType, Person person, Auction auction, Bid bid, long dateTime) {}

  /**
   * A bid as a candidate of the window ending at {@code windowEnd}; {@code inWindow} false for a bid exactly at the
   * end, which belongs to the next window and only joins this one's maximum.
   */
  public record WindowBid(String bucket, long windowEnd, boolean inWindow, Bid bid) {}

  /** An output row: a bid at its window's highest price. */
  public record Row(long auction, long bidder, long price, long dateTime, String extra, long windowEnd) {}

  /** Keeps the bids. */
  @Filter(from = "nexmark-events")
  public boolean bids(Event event) {
    return event.eventType() == 2;
  }

  /** The window a bid belongs to, and the one ending at its time if it lies on a window boundary. */
  @FlatMap(from = "bids")
  @KeyBy("bucket")
  public List<WindowBid> windowsOf(Event event) {
    Bid bid = event.bid();
    long end = Math.floorDiv(bid.dateTime(), WINDOW_MILLIS) * WINDOW_MILLIS + WINDOW_MILLIS;
    String bucket = "/" + Math.floorMod(bid.dateTime(), BUCKETS);
    WindowBid own = new WindowBid(end + bucket, end, true, bid);
    if (Math.floorMod(bid.dateTime(), WINDOW_MILLIS) != 0) {
      return List.of(own);
    }
    return List.of(own, new WindowBid(bid.dateTime() + bucket, bid.dateTime(), false, bid));
  }

  /** Keeps every bid of the bucket until its window ends. */
  @KeyedProcess(from = "windowsOf")
  @KeyBy("windowEnd")
  public List<WindowBid> keep(WindowBid bid, @State("bids") ListState<WindowBid> bids, Timers timers) {
    bids.add(bid);
    timers.registerEventTimeTimer(bid.windowEnd());
    return List.of();
  }

  /** The bucket's bids at its own maximum, and its end-of-window bids. */
  @OnTimer("keep")
  public List<WindowBid> bucketCandidates(Timer timer, @State("bids") ListState<WindowBid> bids) {
    List<WindowBid> all = bids.get();
    bids.clear();
    long max = all.stream().filter(WindowBid::inWindow).mapToLong(b -> b.bid().price()).max().orElse(Long.MAX_VALUE);
    return all.stream().filter(b -> !b.inWindow() || b.bid().price() == max).toList();
  }

  /** Collects the window's candidates until it ends. */
  @KeyedProcess(from = "keep")
  @Sink(stream = "q7-out")
  public List<Row> collect(WindowBid candidate, @State("candidates") ListState<WindowBid> candidates, Timers timers) {
    candidates.add(candidate);
    timers.registerEventTimeTimer(candidate.windowEnd());
    return List.of();
  }

  /** The candidates at the window's highest price. */
  @OnTimer("collect")
  public List<Row> highest(Timer timer, @State("candidates") ListState<WindowBid> candidates) {
    List<WindowBid> all = candidates.get();
    candidates.clear();
    long max = all.stream().filter(WindowBid::inWindow).mapToLong(b -> b.bid().price()).max().orElse(Long.MIN_VALUE);
    List<Row> rows = new ArrayList<>();
    for (WindowBid candidate : all) {
      Bid bid = candidate.bid();
      if (bid.price() == max) {
        rows.add(new Row(bid.auction(), bid.bidder(), bid.price(), bid.dateTime(), bid.extra(), candidate.windowEnd()));
      }
    }
    return rows;
  }
}
