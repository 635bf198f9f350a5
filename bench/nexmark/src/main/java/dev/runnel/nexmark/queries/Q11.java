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

/**
 * Nexmark q11, user sessions: per bidder, sessions of bids at most 10 s apart, emitted with their bid count when the
 * watermark passes the last bid plus 10 s.
 *
 * <p>Sessions that touch merge, in Runnel as in Flink: a bid exactly 10 s after the last one joins its session.
 *
 * <pre>
 * nexmark-events ─▶ bids ─▶ bidderOf ═(key: bidder)═▶ session [gap 10 s, count] ─▶ q11-out
 * </pre>
 */
@StreamingJob("nexmark-q11")
public class Q11 {
  /** One Nexmark event: exactly one of person, auction, bid, as {@code eventType} (0, 1, 2) says. */
  @Source(stream = "nexmark-events", shards = 2)
  @EventTime(field = "dateTime", maxOutOfOrderness = "PT4S")
  public record Event(int eventType, Person person, Auction auction, Bid bid, long dateTime) {}

  /** The bidder of a bid. */
  public record BidderBid(long bidder) {}

  /** An output row: one session; {@code sessionEnd} is the last bid's time plus the gap. */
  public record Row(long bidder, long bids, long sessionStart, long sessionEnd) {}

  /** Keeps the bids. */
  @Filter(from = "nexmark-events")
  public boolean bids(Event event) {
    return event.eventType() == 2;
  }

  /** The bid's bidder, the session's key. */
  @MapEach(from = "bids")
  @KeyBy("bidder")
  public BidderBid bidderOf(Event event) {
    return new BidderBid(event.bid().bidder());
  }

  /** Counts the bids of one session. */
  @Window(from = "bidderOf", gap = "PT10S")
  @Aggregate(kind = Aggregate.Kind.COUNT)
  @Sink(stream = "q11-out")
  public Row session(Windowed<Long> window) {
    return new Row(Long.parseLong(window.key()), window.value(), window.start(), window.end());
  }
}
