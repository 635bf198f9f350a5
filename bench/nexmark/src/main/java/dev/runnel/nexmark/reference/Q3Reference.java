package dev.runnel.nexmark.reference;

import dev.runnel.nexmark.generator.Auction;
import dev.runnel.nexmark.generator.Event;
import dev.runnel.nexmark.generator.Person;
import dev.runnel.nexmark.queries.Q3;
import java.util.ArrayList;
import java.util.List;

/** q3 in plain Java, as the suite says: a nested loop over the persons of the three states and the category's auctions. */
public final class Q3Reference {
  private Q3Reference() {}

  /** The rows q3 emits for {@code events}. */
  public static List<Q3.Row> rows(Iterable<Event> events) {
    List<Person> persons = new ArrayList<>();
    List<Auction> auctions = new ArrayList<>();
    for (Event event : events) {
      if (event.person() != null && Q3.STATES.contains(event.person().state())) {
        persons.add(event.person());
      } else if (event.auction() != null && event.auction().category() == Q3.CATEGORY) {
        auctions.add(event.auction());
      }
    }
    List<Q3.Row> rows = new ArrayList<>();
    for (Person person : persons) {
      for (Auction auction : auctions) {
        if (auction.seller() == person.id()) {
          rows.add(new Q3.Row(person.name(), person.city(), person.state(), auction.id()));
        }
      }
    }
    return rows;
  }
}
