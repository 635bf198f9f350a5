package dev.runnel.nexmark.queries;

import dev.runnel.api.EventTime;
import dev.runnel.api.FlatMap;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.ListState;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.ValueState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Nexmark q3, local item suggestion: auctions of category 10 joined with persons of Oregon, Idaho or California on
 * {@code auction.seller = person.id}, unwindowed, both sides kept for ever, a row (name, city, state, auction id)
 * emitted when the second side of a pair arrives.
 *
 * <p>That is a stream-table join, which Runnel does not have yet (issue 16): written here with what exists, a
 * {@code @KeyedProcess} over both sides as one record type keyed by the join key (a person by its id, an auction by
 * its seller), keeping the person in a {@code ValueState} and its auctions that came first in a {@code ListState}.
 * The rows are the suite's; the state is the workaround's own (an auction waits in its seller's list until the
 * person arrives, for ever if none does).
 *
 * <pre>
 * nexmark-events ─▶ sides ═(key: seller)═▶ suggest [person, waiting auctions] ─▶ q3-out
 * </pre>
 */
@StreamingJob("nexmark-q3")
public class Q3 {
  /** The auctions' category. */
  public static final long CATEGORY = 10;
  /** The persons' states. */
  public static final Set<String> STATES = Set.of("OR", "ID", "CA");

  /** One Nexmark event: exactly one of person, auction, bid, as {@code eventType} (0, 1, 2) says. */
  @Source(stream = "nexmark-events", shards = 2)
  @EventTime(field = "dateTime", maxOutOfOrderness = "PT4S")
  public record Event(int eventType, Person person, Auction auction, Bid bid, long dateTime) {}

  /** A side of the join under its key: a person (key = its id) or an auction (key = its seller). */
  public record Side(long seller, Person person, Auction auction) {}

  /** An output row. */
  public record Row(String name, String city, String state, long auction) {}

  /** Persons of the three states and auctions of category 10, keyed by the seller they are or have. */
  @FlatMap(from = "nexmark-events")
  @KeyBy("seller")
  public List<Side> sides(Event event) {
    if (event.person() != null && STATES.contains(event.person().state())) {
      return List.of(new Side(event.person().id(), event.person(), null));
    }
    if (event.auction() != null && event.auction().category() == CATEGORY) {
      return List.of(new Side(event.auction().seller(), null, event.auction()));
    }
    return List.of();
  }

  /** Pairs the seller's person with each of its auctions, whichever came first. */
  @KeyedProcess(from = "sides")
  @Sink(stream = "q3-out")
  public List<Row> suggest(Side side, @State("person") ValueState<Person> person,
      @State("waiting") ListState<Auction> waiting) {
    if (side.person() != null) {
      person.update(side.person());
      List<Row> rows = new ArrayList<>();
      for (Auction auction : waiting.get()) {
        rows.add(row(side.person(), auction));
      }
      waiting.clear();
      return rows;
    }
    Person seller = person.value();
    if (seller == null) {
      waiting.add(side.auction());
      return List.of();
    }
    return List.of(row(seller, side.auction()));
  }

  private static Row row(Person person, Auction auction) {
    return new Row(person.name(), person.city(), person.state(), auction.id());
  }
}
