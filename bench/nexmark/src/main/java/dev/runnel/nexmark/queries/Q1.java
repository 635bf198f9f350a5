package dev.runnel.nexmark.queries;

import dev.runnel.api.EventTime;
import dev.runnel.api.Filter;
import dev.runnel.api.MapEach;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import java.math.BigDecimal;

/**
 * Nexmark q1, currency conversion: every bid with its price times 0.908, in exact decimal arithmetic (the suite's
 * DECIMAL(23,3)). Stateless.
 *
 * <pre>
 * nexmark-events ─▶ bids ─▶ convert ─▶ q1-out
 * </pre>
 */
@StreamingJob("nexmark-q1")
public class Q1 {
  /** The exchange rate, exactly. */
  public static final BigDecimal RATE = new BigDecimal("0.908");

  /** One Nexmark event: exactly one of person, auction, bid, as {@code eventType} (0, 1, 2) says. */
  @Source(stream = "nexmark-events", shards = 2)
  @EventTime(field = "dateTime", maxOutOfOrderness = "PT4S")
  public record Event(int eventType, Person person, Auction auction, Bid bid, long dateTime) {}

  /** An output row; {@code price} has three decimals. */
  public record Row(long auction, long bidder, BigDecimal price, long dateTime, String extra) {}

  /** Keeps the bids. */
  @Filter(from = "nexmark-events")
  public boolean bids(Event event) {
    return event.eventType() == 2;
  }

  /** The bid with its price converted. */
  @MapEach(from = "bids")
  @Sink(stream = "q1-out")
  public Row convert(Event event) {
    Bid bid = event.bid();
    return new Row(bid.auction(), bid.bidder(), BigDecimal.valueOf(bid.price()).multiply(RATE), bid.dateTime(),
        bid.extra());
  }
}
