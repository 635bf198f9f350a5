package dev.runnel.nexmark.reference;

import dev.runnel.nexmark.generator.Bid;
import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.queries.Q2;
import java.util.ArrayList;
import java.util.List;

/** q2 in plain Java: (auction, price) of bids on auctions whose id is a multiple of 123. */
public final class Q2Reference {
  private Q2Reference() {}

  /** The rows q2 emits for {@code events}. */
  public static List<Q2.Row> rows(Iterable<Event> events) {
    List<Q2.Row> rows = new ArrayList<>();
    for (Event event : events) {
      Bid bid = event.bid();
      if (bid != null && bid.auction() % 123 == 0) {
        rows.add(new Q2.Row(bid.auction(), bid.price()));
      }
    }
    return rows;
  }
}
