package dev.runnel.nexmark.queries;

import dev.runnel.api.EventTime;
import dev.runnel.api.Filter;
import dev.runnel.api.JoinWindow;
import dev.runnel.api.KeyBy;
import dev.runnel.api.KeyedProcess;
import dev.runnel.api.MapEach;
import dev.runnel.api.MapState;
import dev.runnel.api.OnTimer;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.State;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.Timer;
import dev.runnel.api.Timers;
import dev.runnel.api.WindowJoin;
import java.util.List;
import java.util.Optional;

/**
 * Nexmark q8, monitor new users: the distinct (id, name) of persons created in a 10 s tumbling window joined with the
 * distinct sellers of auctions created in the same window, on {@code person.id = seller}; one row (id, name,
 * windowStart) per person and window. A window join ({@code @WindowJoin}): its state is dropped with each window.
 *
 * <p>Persons are new, so each (id, name) is in one window once. Sellers are made distinct per window before the join
 * ({@link #firstInWindow}), so a seller with several auctions in a window pairs once; the join keeps only (id, name)
 * and (seller) records, as the docs/joins.md cost note says.
 *
 * <pre>
 * nexmark-events ─▶ persons ─▶ newPersons ═(key: id)══════════════════════════════╗
 *                └▶ auctions ─▶ sellers ═(key: seller)═▶ firstInWindow ═(key: seller)═╩═▶ newUsers [10 s] ─▶ q8-out
 * </pre>
 */
@StreamingJob("nexmark-q8")
public class Q8 {
  /** The window length. */
  public static final long WINDOW_MILLIS = 10_000;

  /** One Nexmark event: exactly one of person, auction, bid, as {@code eventType} (0, 1, 2) says. */
  @Source(stream = "nexmark-events", shards = 2)
  @EventTime(field = "dateTime", maxOutOfOrderness = "PT4S")
  public record Event(int eventType, Person person, Auction auction, Bid bid, long dateTime) {}

  /** A new person, as the join keeps it. */
  public record NewPerson(long id, String name, long dateTime) {}

  /** The seller of a new auction, with the window the auction was created in. */
  public record Seller(long seller, long windowStart) {}

  /** An output row. */
  public record Row(long id, String name, long windowStart) {}

  /** Keeps the new persons. */
  @Filter(from = "nexmark-events")
  public boolean persons(Event event) {
    return event.eventType() == 0;
  }

  /** Keeps the new auctions. */
  @Filter(from = "nexmark-events")
  public boolean auctions(Event event) {
    return event.eventType() == 1;
  }

  /** A person's id and name. */
  @MapEach(from = "persons")
  @KeyBy("id")
  public NewPerson newPersons(Event event) {
    return new NewPerson(event.person().id(), event.person().name(), event.person().dateTime());
  }

  /** An auction's seller and window. */
  @MapEach(from = "auctions")
  @KeyBy("seller")
  public Seller sellers(Event event) {
    long at = event.auction().dateTime();
    return new Seller(event.auction().seller(), at - Math.floorMod(at, WINDOW_MILLIS));
  }

  /** A seller's first auction of each window; the window is forgotten when it ends. */
  @KeyedProcess(from = "sellers")
  @KeyBy("seller")
  public Optional<Seller> firstInWindow(Seller seller, @State("windows") MapState<Long, Boolean> windows,
      Timers timers) {
    if (windows.get(seller.windowStart()) != null) {
      return Optional.empty();
    }
    windows.put(seller.windowStart(), true);
    timers.registerEventTimeTimer(seller.windowStart() + WINDOW_MILLIS);
    return Optional.of(seller);
  }

  /** Forgets the window that ended. */
  @OnTimer("firstInWindow")
  public List<Seller> windowEnded(Timer timer, @State("windows") MapState<Long, Boolean> windows) {
    windows.remove(timer.time() - WINDOW_MILLIS);
    return List.of();
  }

  /** One row per new person who created an auction in the window they were created in. */
  @WindowJoin(left = "newPersons", right = "firstInWindow", size = "PT10S")
  @Sink(stream = "q8-out")
  public Row newUsers(NewPerson person, Seller seller, JoinWindow window) {
    return new Row(person.id(), person.name(), window.start());
  }
}
