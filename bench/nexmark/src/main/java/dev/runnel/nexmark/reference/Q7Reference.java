package dev.runnel.nexmark.reference;

import dev.runnel.nexmark.generator.Bid;
import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.queries.Q7;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * q7 in plain Java, as the suite's join says: the highest price of each 10 s tumbling window, then every bid at that
 * price whose time lies in {@code [windowEnd - 10 s, windowEnd]}, both ends included.
 */
public final class Q7Reference {
  private static final long SIZE = 10_000;

  private Q7Reference() {}

  /** The rows q7 emits for {@code events}. */
  public static List<Q7.Row> rows(Iterable<Event> events) {
    Map<Long, Long> maxByWindowEnd = new TreeMap<>();
    List<Bid> bids = new ArrayList<>();
    for (Event event : events) {
      Bid bid = event.bid();
      if (bid != null) {
        bids.add(bid);
        maxByWindowEnd.merge(Math.floorDiv(bid.dateTime(), SIZE) * SIZE + SIZE, bid.price(), Math::max);
      }
    }
    List<Q7.Row> rows = new ArrayList<>();
    for (Bid bid : bids) {
      maxByWindowEnd.forEach((end, max) -> {
        if (bid.price() == max && end - SIZE <= bid.dateTime() && bid.dateTime() <= end) {
          rows.add(new Q7.Row(bid.auction(), bid.bidder(), bid.price(), bid.dateTime(), bid.extra(), end));
        }
      });
    }
    return rows;
  }
}
