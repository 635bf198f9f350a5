package dev.runnel.testdriver.jobs;

import dev.runnel.api.EventTime;
import dev.runnel.api.JoinWindow;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.WindowJoin;

/**
 * Nexmark q8's shape: persons joined with the auctions they sell when both are created in the same 10-second
 * window. Persons arrive on two shards, auctions on one, keyed by a long and a Long.
 */
@StreamingJob("sellers")
public class SellerWindows {
  @Source(stream = "persons", shards = 2) @EventTime(field = "at", maxOutOfOrderness = "PT2S") @KeyBy("id")
  public record Person(long id, String name, long at) {}

  @Source(stream = "auctions") @EventTime(field = "at", maxOutOfOrderness = "PT2S") @KeyBy("seller")
  public record Auction(long id, Long seller, long at) {}

  public record NewSeller(long person, String name, long auction, long windowStart) {}

  @WindowJoin(left = "persons", right = "auctions", size = "PT10S")
  @Sink(name = "sellers", console = true)
  public NewSeller newSellers(Person person, Auction auction, JoinWindow window) {
    return new NewSeller(person.id(), person.name(), auction.id(), window.start());
  }
}
