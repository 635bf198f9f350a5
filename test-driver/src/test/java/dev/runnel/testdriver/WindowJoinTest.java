package dev.runnel.testdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.plan.StateLayout;
import dev.runnel.testdriver.jobs.SellerWindows;
import dev.runnel.testdriver.jobs.SellerWindows.Auction;
import dev.runnel.testdriver.jobs.SellerWindows.NewSeller;
import dev.runnel.testdriver.jobs.SellerWindows.Person;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tumbling window join run by the real stage handlers in the driver, in both state layouts: each pair of a person
 * and an auction of theirs created in the same 10-second window is emitted once, when the watermark passes the
 * window, equal to a nested loop over the inputs; a window with one side only emits nothing.
 */
class WindowJoinTest {
  /** An hour before processing time starts: event times may not run more than a day ahead of arrival. */
  private static final long START = JobTestDriver.DEFAULT_START.toEpochMilli() - 3_600_000;
  private static final long SIZE = 10_000;

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void everyPairOfAWindowIsEmittedOnceWhenTheWatermarkPassesIt(StateLayout layout) {
    Random random = new Random(16);
    List<Person> persons = new ArrayList<>();
    List<Auction> auctions = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // the first half in the first 30 s, the second half in the next 30 s
      long half = i < 30 ? 0 : 3 * SIZE;
      persons.add(new Person(random.nextInt(12), "p" + i, START + half + random.nextInt(30_000)));
      auctions.add(new Auction(1000 + i, (long) random.nextInt(12), START + half + random.nextInt(30_000)));
    }
    JobTestDriver driver = JobTestDriver.builder(SellerWindows.class).stateLayout(layout).build();
    assertThat(driver.plan().stages()).hasSize(3);
    List<NewSeller> expected = reference(persons, auctions);
    assertThat(expected).as("the inputs make pairs in several windows").hasSizeGreaterThan(20);

    driver.pipe("persons", persons.subList(0, 30));
    driver.pipe("auctions", auctions.subList(0, 30));
    assertThat(expected).as("what fired so far is the reference's pairs of windows the watermark passed")
        .containsAll(driver.output("sellers", NewSeller.class));
    driver.advanceWatermark(Instant.ofEpochMilli(START + 3 * SIZE));
    assertThat(driver.output("sellers", NewSeller.class)).containsExactlyInAnyOrderElementsOf(
        expected.stream().filter(pair -> pair.windowStart() < START + 3 * SIZE).toList());

    driver.pipe("persons", persons.subList(30, 60));
    driver.pipe("auctions", auctions.subList(30, 60));
    driver.endInput();
    assertThat(driver.output("sellers", NewSeller.class)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(driver.deadLetters()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aWindowWaitsForTheSlowerInput(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(SellerWindows.class).stateLayout(layout).build();
    driver.pipe("persons", new Person(7, "ana", START + 1_000), new Person(7, "ana", START + 25_000),
        new Person(8, "ben", START + 25_000), new Person(9, "chen", START + 25_000),
        new Person(9, "chen", START + 25_000), new Person(9, "chen", START + 25_000));
    driver.pipe("auctions", new Auction(1, 7L, START + 2_000));
    assertThat(driver.output("sellers", NewSeller.class)).as("auctions' watermark is at START, behind the first"
        + " window's end: the join's watermark is the lower of its inputs'").isEmpty();

    driver.pipe("auctions", new Auction(2, 8L, START + 30_000));
    assertThat(driver.output("sellers", NewSeller.class)).containsExactly(new NewSeller(7, "ana", 1, START));
    driver.endInput();
    assertThat(driver.output("sellers", NewSeller.class)).as("ben's auction is in another window than ben")
        .containsExactly(new NewSeller(7, "ana", 1, START));
    assertThat(driver.deadLetters()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void aWindowWaitsForTheSlowerInputOnTheLeftToo(StateLayout layout) {
    JobTestDriver driver = JobTestDriver.builder(SellerWindows.class).stateLayout(layout).build();
    driver.pipe("auctions", new Auction(1, 7L, START + 2_000), new Auction(2, 9L, START + 25_000));
    assertThat(driver.output("sellers", NewSeller.class)).as("no person yet: persons hold the join's watermark")
        .isEmpty();

    driver.pipe("persons", new Person(7, "ana", START + 1_000), new Person(9, "chen", START + 30_000),
        new Person(9, "chen", START + 30_000), new Person(9, "chen", START + 30_000),
        new Person(9, "chen", START + 30_000), new Person(9, "chen", START + 30_000));
    assertThat(driver.output("sellers", NewSeller.class)).containsExactly(new NewSeller(7, "ana", 1, START));
    assertThat(driver.deadLetters()).as("ana, two seconds older than the auctions' watermark, is not late").isEmpty();
  }

  /** The pairs a window join must emit: a nested loop over both inputs per key and window. */
  private static List<NewSeller> reference(List<Person> persons, List<Auction> auctions) {
    List<NewSeller> pairs = new ArrayList<>();
    for (Person person : persons) {
      for (Auction auction : auctions) {
        long window = Math.floorDiv(person.at(), SIZE) * SIZE;
        if (person.id() == auction.seller() && window == Math.floorDiv(auction.at(), SIZE) * SIZE) {
          pairs.add(new NewSeller(person.id(), person.name(), auction.id(), window));
        }
      }
    }
    return pairs;
  }
}
