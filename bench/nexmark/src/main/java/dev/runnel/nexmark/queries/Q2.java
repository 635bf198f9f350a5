package dev.runnel.nexmark.queries;

import dev.runnel.api.EventTime;
import dev.runnel.api.Filter;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;

/**
 * Nexmark q2, selection: (auction, price) of the bids on every 123rd auction. Stateless.
 *
 * <pre>
 * nexmark-events ─▶ selected ─▶ project ─▶ q2-out
 * </pre>
 */
@StreamingJob("nexmark-q2")
public class Q2 {
  /** Bids on auctions whose id is a multiple of this are kept. */
  public static final long MODULUS = 123;

  /** One Nexmark event: exactly one of person, auction, bid, as {@code eventType} (0, 1, 2) says. */
  @Source(stream = "nexmark-events", shards = 2)
  @EventTime(field = "dateTime", maxOutOfOrderness = "PT4S")
  public record Event(int eventType, Person person, Auction auction, Bid bid, long dateTime) {}

  /** An output row. */
  public record Row(long auction, long price) {}

  /** Keeps the bids on every 123rd auction. */
  @Filter(from = "nexmark-events")
  public boolean selected(Event event) {
    return event.eventType() == 2 && event.bid().auction() % MODULUS == 0;
  }

  /** Auction and price. */
  @MapEach(from = "selected")
  @Sink(stream = "q2-out")
  public Row project(Event event) {
    return new Row(event.bid().auction(), event.bid().price());
  }
}
