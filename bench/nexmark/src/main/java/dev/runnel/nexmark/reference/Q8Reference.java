package dev.runnel.nexmark.reference;

import dev.runnel.nexmark.generator.Auction;
import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.generator.Person;
import dev.runnel.nexmark.queries.Q8;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * q8 in plain Java, as the suite says: per 10 s tumbling window, the distinct (id, name) of new persons joined with
 * the distinct sellers of new auctions of the same window on {@code id = seller}.
 */
public final class Q8Reference {
  private static final long SIZE = Q8.WINDOW_MILLIS;

  private Q8Reference() {}

  /** The rows q8 emits for {@code events}. */
  public static List<Q8.Row> rows(Iterable<Event> events) {
    Set<Q8.Row> persons = new LinkedHashSet<>();
    Set<String> sellers = new LinkedHashSet<>();
    for (Event event : events) {
      Person person = event.person();
      Auction auction = event.auction();
      if (person != null) {
        persons.add(new Q8.Row(person.id(), person.name(), start(person.dateTime())));
      } else if (auction != null) {
        sellers.add(auction.seller() + "@" + start(auction.dateTime()));
      }
    }
    List<Q8.Row> rows = new ArrayList<>();
    for (Q8.Row person : persons) {
      if (sellers.contains(person.id() + "@" + person.windowStart())) {
        rows.add(person);
      }
    }
    return rows;
  }

  private static long start(long at) {
    return at - Math.floorMod(at, SIZE);
  }
}
