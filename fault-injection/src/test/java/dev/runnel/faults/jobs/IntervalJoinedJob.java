package dev.runnel.faults.jobs;

import dev.runnel.api.EventTime;
import dev.runnel.api.IntervalJoin;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;

/**
 * The interval-join job of the fault tests: persons, from a source with two shards, joined with the auctions they
 * sell from a second before they were created to 5 seconds after, on {@link JoinedJobInput}'s inputs. The join keeps
 * both sides' records in the key's buffers and drops them by event-time timers. Pairs go to a table (keyed by
 * person@auction) and a stream.
 */
@StreamingJob("interval")
public class IntervalJoinedJob {
  /** How far before the person an auction still pairs. */
  public static final long LOWER = -1_000;
  /** How far after the person an auction still pairs. */
  public static final long UPPER = 5_000;

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
  public record Pair(String id, long person, String name, long auction, long at) {}

  @IntervalJoin(left = "joined-persons", right = "joined-auctions", lowerBound = "-PT1S", upperBound = "PT5S")
  @Sink(table = "interval-pairs", key = "id")
  @Sink(stream = "interval-pairs-out", key = "id")
  public Pair pairs(Person person, Auction auction) {
    return new Pair(person.id() + "@" + auction.id(), person.id(), person.name(), auction.id(), auction.at());
  }
}
