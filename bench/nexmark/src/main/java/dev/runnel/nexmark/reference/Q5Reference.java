package dev.runnel.nexmark.reference;

import dev.runnel.nexmark.generator.Bid;
import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.queries.Q5;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** q5 in plain Java: per 10 s window sliding by 2 s, the auctions with the most bids, all ties. */
public final class Q5Reference {
  private static final long SIZE = 10_000;
  private static final long SLIDE = 2_000;

  private Q5Reference() {}

  /** The rows q5 emits for {@code events}. */
  public static List<Q5.Row> rows(Iterable<Event> events) {
    Map<Long, Map<Long, Long>> countsByWindowStart = new TreeMap<>();
    for (Event event : events) {
      Bid bid = event.bid();
      if (bid == null) {
        continue;
      }
      long lastStart = Math.floorDiv(bid.dateTime(), SLIDE) * SLIDE;
      for (long start = lastStart; start > bid.dateTime() - SIZE; start -= SLIDE) {
        countsByWindowStart.computeIfAbsent(start, s -> new HashMap<>()).merge(bid.auction(), 1L, Long::sum);
      }
    }
    List<Q5.Row> rows = new ArrayList<>();
    countsByWindowStart.forEach((start, counts) -> {
      long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      counts.forEach((auction, count) -> {
        if (count == max) {
          rows.add(new Q5.Row(auction, count, start, start + SIZE));
        }
      });
    });
    return rows;
  }
}
