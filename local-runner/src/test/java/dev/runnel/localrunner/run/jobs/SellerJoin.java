package dev.runnel.localrunner.run.jobs;

import dev.runnel.api.EventTime;
import dev.runnel.api.JoinWindow;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.WindowJoin;

/** Persons joined with the auctions they sell in the same 10-second window of event time (Nexmark q8's shape). */
@StreamingJob("sellers")
public class SellerJoin {
  /** A new person. */
  @Source(stream = "j-persons", shards = 2)
  @EventTime(field = "at", maxOutOfOrderness = "PT1S")
  @KeyBy("id")
  public record Person(long id, String name, long at) {}

  /** A new auction of seller {@code seller}. */
  @Source(stream = "j-auctions")
  @EventTime(field = "at", maxOutOfOrderness = "PT1S")
  @KeyBy("seller")
  public record Auction(long id, long seller, long at) {}

  /** One pair; {@code id} is person@auction. */
  public record Pair(String id, long person, String name, long auction, long start) {}

  /** One result per person and auction of theirs in one window. */
  @WindowJoin(left = "j-persons", right = "j-auctions", size = "PT10S")
  @Sink(table = "j-pairs", key = "id")
  public Pair pair(Person person, Auction auction, JoinWindow window) {
    return new Pair(person.id() + "@" + auction.id(), person.id(), person.name(), auction.id(), window.start());
  }
}
