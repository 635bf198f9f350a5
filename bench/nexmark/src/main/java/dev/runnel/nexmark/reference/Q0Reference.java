package dev.runnel.nexmark.reference;

import dev.runnel.nexmark.generator.Bid;
import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.queries.Q0;
import java.util.ArrayList;
import java.util.List;

/** q0 in plain Java: every bid's columns. */
public final class Q0Reference {
  private Q0Reference() {}

  /** The rows q0 emits for {@code events}. */
  public static List<Q0.Row> rows(Iterable<Event> events) {
    List<Q0.Row> rows = new ArrayList<>();
    for (Event event : events) {
      Bid bid = event.bid();
      if (bid != null) {
        rows.add(new Q0.Row(bid.auction(), bid.bidder(), bid.price(), bid.dateTime(), bid.extra()));
      }
    }
    return rows;
  }
}
