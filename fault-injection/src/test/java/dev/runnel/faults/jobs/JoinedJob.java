package dev.runnel.faults.jobs;

import dev.runnel.api.EventTime;
import dev.runnel.api.JoinWindow;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.WindowJoin;

/**
 * The window-join job of the fault tests (Nexmark q8's shape): persons, from a source with two shards, joined with
 * the auctions they sell in the same 10-second window of event time. Both sources are keyed by the person's id, so
 * both are repartitioned into the join's stream (tagged by side) and the join stage follows the minimum of both
 * watermarks. Pairs go to a table (keyed by person@auction) and a stream.
 *
 * <pre>
 * joined-persons  ═(key: id)═════╗
 *                                 ╠═▶ pairs [tumbling 10 s] ─▶ joined-pairs, joined-pairs-out
 * joined-auctions ═(key: seller)═╝
 * </pre>
 */
@StreamingJob("joined")
public class JoinedJob {
  /** The join windows' size. */
  public static final long SIZE = 10_000;

  /** A new person. */
  @Source(stream = "joined-persons", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT2S")
  @KeyBy("id")
  public record Person(long id, String name, long at) {}

  /** A new auction of seller {@code seller}. */
  @Source(stream = "joined-auctions")
  @EventTime(field = "at", maxOutOfOrderness = "PT2S")
  @KeyBy("seller")
  public record Auction(long id, long seller, long at) {}

  /** One pair; {@code id} is person@auction. */
  public record Pair(String id, long person, String name, long auction, long start) {}

  @WindowJoin(left = "joined-persons", right = "joined-auctions", size = "PT10S")
  @Sink(table = "joined-pairs", key = "id")
  @Sink(stream = "joined-pairs-out", key = "id")
  public Pair pairs(Person person, Auction auction, JoinWindow window) {
    return new Pair(person.id() + "@" + auction.id(), person.id(), person.name(), auction.id(), window.start());
  }
}
