package dev.runnel.planner.jobs;

import dev.runnel.api.EventTime;
import dev.runnel.api.JoinWindow;
import dev.runnel.api.KeyBy;
import dev.runnel.api.Sink;
import dev.runnel.api.Source;
import dev.runnel.api.StreamingJob;
import dev.runnel.api.WindowJoin;

/** Nexmark q8's shape: persons and the auctions they sell, joined per seller in 10-second windows. */
@StreamingJob("nu")
public class NewUsers {
  @Source(stream = "persons", shards = 2) @EventTime(field = "at") @KeyBy("id")
  public record Person(long id, String name, long at) {}

  @Source(stream = "auctions") @EventTime(field = "at") @KeyBy("seller")
  public record Auction(long id, Long seller, long at) {}

  public record NewUser(long id, String name, long windowStart) {}

  @WindowJoin(left = "persons", right = "auctions", size = "PT10S")
  @Sink(name = "out", table = "nu-out", key = "id")
  public NewUser newUsers(Person person, Auction auction, JoinWindow window) {
    return new NewUser(person.id(), person.name(), window.start());
  }
}
