package dev.runnel.nexmark.queries;

import dev.runnel.api.EventTime;
import dev.runnel.api.Filter;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;

/**
 * Nexmark q0, pass-through: every bid as (auction, bidder, price, dateTime, extra). Stateless; it measures decoding,
 * the operator chain and encoding.
 *
 * <pre>
 * nexmark-events ─▶ bids ─▶ pass ─▶ q0-out
 * </pre>
 */
@StreamingJob("nexmark-q0")
public class Q0 {
  /** One Nexmark event: exactly one of person, auction, bid, as {@code eventType} (0, 1, 2) says. */
  @Source(stream = "nexmark-events", shards = 2)
  @EventTime(field = "dateTime", maxOutOfOrderness = "PT4S")
  public record Event(int eventType, Person person, Auction auction, Bid bid, long dateTime) {}

  /** An output row. */
  public record Row(long auction, long bidder, long price, long dateTime, String extra) {}

  /** Keeps the bids. */
  @Filter(from = "nexmark-events")
  public boolean bids(Event event) {
    return event.eventType() == 2;
  }

  /** The bid's columns. */
  @MapEach(from = "bids")
  @Sink(stream = "q0-out")
  public Row pass(Event event) {
    Bid bid = event.bid();
    return new Row(bid.auction(), bid.bidder(), bid.price(), bid.dateTime(), bid.extra());
  }
}
