package dev.runnel.nexmark.reference;

import dev.runnel.nexmark.generator.Bid;
import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.queries.Q11;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * q11 in plain Java: per bidder, sessions of bids in time order, a bid joining the session up to and including the
 * last bid plus 10 s (Flink merges session windows that touch); each session ends 10 s after its last bid.
 */
public final class Q11Reference {
  private static final long GAP = 10_000;

  private Q11Reference() {}

  /** The rows q11 emits for {@code events}. */
  public static List<Q11.Row> rows(Iterable<Event> events) {
    Map<Long, List<Long>> timesByBidder = new HashMap<>();
    for (Event event : events) {
      Bid bid = event.bid();
      if (bid != null) {
        timesByBidder.computeIfAbsent(bid.bidder(), b -> new ArrayList<>()).add(bid.dateTime());
      }
    }
    List<Q11.Row> rows = new ArrayList<>();
    timesByBidder.forEach((bidder, times) -> {
      times.sort(Long::compare);
      long start = times.get(0);
      long last = start;
      long count = 0;
      for (long time : times) {
        if (time > last + GAP) {
          rows.add(new Q11.Row(bidder, count, start, last + GAP));
          start = time;
          count = 0;
        }
        last = time;
        count++;
      }
      rows.add(new Q11.Row(bidder, count, start, last + GAP));
    });
    return rows;
  }
}
