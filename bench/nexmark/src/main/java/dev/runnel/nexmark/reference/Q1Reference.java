package dev.runnel.nexmark.reference;

import dev.runnel.nexmark.generator.Bid;
import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.queries.Q1;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** q1 in plain Java: every bid, its price times 0.908 with three decimals. */
public final class Q1Reference {
  private static final BigDecimal RATE = new BigDecimal("0.908");

  private Q1Reference() {}

  /** The rows q1 emits for {@code events}. */
  public static List<Q1.Row> rows(Iterable<Event> events) {
    List<Q1.Row> rows = new ArrayList<>();
    for (Event event : events) {
      Bid bid = event.bid();
      if (bid != null) {
        BigDecimal price = new BigDecimal(bid.price()).multiply(RATE).setScale(3);
        rows.add(new Q1.Row(bid.auction(), bid.bidder(), price, bid.dateTime(), bid.extra()));
      }
    }
    return rows;
  }
}
