package dev.runnel.nexmark.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator as NEXMARK_SPEC §2 describes it: deterministic, splittable, with its proportions, ids and skew. */
class NexmarkGeneratorTest {
  private static final GeneratorConfig ONE = GeneratorConfig.of(50_000, 10_000, 1);

  private static List<Event> all(GeneratorConfig config) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < config.instances(); i++) {
      new NexmarkGenerator(config, i).forEachRemaining(events::add);
    }
    return events;
  }

  @Test
  void theSameConfigGivesTheSameEventsAndAnotherSeedOthers() {
    assertThat(all(ONE)).isEqualTo(all(ONE));
    List<Event> reseeded = all(new GeneratorConfig(ONE.events(), ONE.rate(), 1, ONE.baseTime(), 2));
    assertThat(reseeded).hasSameSizeAs(all(ONE)).isNotEqualTo(all(ONE));
    // ids and kinds come from event ids, not from the seed
    assertThat(reseeded.stream().map(Event::eventType).toList())
        .isEqualTo(all(ONE).stream().map(Event::eventType).toList());
  }

  @Test
  void splitInstancesMakeOneInstancesEventsInContiguousBlocksOnParallelTimelines() {
    GeneratorConfig split = new GeneratorConfig(ONE.events(), ONE.rate(), 3, ONE.baseTime(), ONE.seed());
    List<Event> whole = all(ONE);
    List<Event> parts = all(split);
    assertThat(parts).hasSize(whole.size());
    // blocks: 16,666, 16,666 and 16,668 events, ids 2.., each block right after the previous one
    assertThat(List.of(split.eventsOf(0), split.eventsOf(1), split.eventsOf(2))).containsExactly(16_666L, 16_666L,
        16_668L);
    long expectedId = 2;
    for (int i = 0; i < 3; i++) {
      NexmarkGenerator generator = new NexmarkGenerator(split, i);
      assertThat(split.firstEventIdOf(i)).isEqualTo(1 + i * 16_666L);
      long number = 1;
      while (generator.hasNext()) {
        long id = generator.nextEventId();
        assertThat(id).isEqualTo(split.firstEventIdOf(i) + number);
        Event event = generator.next();
        // the same event as the single instance's, but at this instance's time (3 x the spacing from base time)
        Event single = whole.get((int) (id - 2));
        assertThat(withoutTimes(event)).isEqualTo(withoutTimes(single));
        assertThat(event.dateTime()).isEqualTo(split.baseTime() + (long) (number * 300.0) / 1000);
        number++;
        expectedId++;
      }
    }
    assertThat(expectedId).isEqualTo(2 + ONE.events());
  }

  /** The event with its times (and the expiry drawn from them) cleared. */
  private static Object withoutTimes(Event event) {
    return switch (event.eventType()) {
      case Event.PERSON -> new Person(event.person().id(), event.person().name(), event.person().emailAddress(),
          event.person().creditCard(), event.person().city(), event.person().state(), 0, event.person().extra());
      case Event.AUCTION -> List.of(event.auction().id(), event.auction().itemName(), event.auction().seller(),
          event.auction().category(), event.auction().initialBid(), event.auction().reserve());
      default -> new Bid(event.bid().auction(), event.bid().bidder(), event.bid().price(), event.bid().channel(),
          event.bid().url(), 0, event.bid().extra());
    };
  }

  @Test
  void oneToThreeToFortySixAndDenseIdsFromOneThousand() {
    List<Event> events = all(ONE);
    Map<Integer, Integer> kinds = new HashMap<>();
    events.forEach(e -> kinds.merge(e.eventType(), 1, Integer::sum));
    assertThat(kinds).containsEntry(Event.PERSON, 1_000).containsEntry(Event.AUCTION, 3_000)
        .containsEntry(Event.BID, 46_000);
    // every block of 50 ids: 1 person, 3 auctions, 46 bids, in that order
    for (Event event : events.subList(48, 98)) {
      assertThat(event.eventType()).isEqualTo(EventIds.kind(48 + 2 + events.subList(48, 98).indexOf(event)));
    }
    assertThat(events.subList(48, 52).stream().map(Event::eventType).toList())
        .containsExactly(Event.PERSON, Event.AUCTION, Event.AUCTION, Event.AUCTION);
    List<Long> persons = events.stream().filter(e -> e.person() != null).map(e -> e.person().id()).toList();
    List<Long> auctions = events.stream().filter(e -> e.auction() != null).map(e -> e.auction().id()).toList();
    assertThat(persons.get(0)).isEqualTo(1001);
    for (int i = 1; i < persons.size(); i++) {
      assertThat(persons.get(i)).isEqualTo(persons.get(i - 1) + 1);
    }
    // event ids start at 2 (first id 1 + event number 1), so id 1 (auction 1000) is never made
    assertThat(auctions.get(0)).isEqualTo(1001);
    for (int i = 1; i < auctions.size(); i++) {
      assertThat(auctions.get(i)).isEqualTo(auctions.get(i - 1) + 1);
    }
    long maxPerson = persons.get(persons.size() - 1);
    long maxAuction = auctions.get(auctions.size() - 1);
    for (Event event : events) {
      if (event.bid() != null) {
        // bidders are shifted by +1000 against person ids (the Flink suite's quirk); at most 10 ahead
        assertThat(event.bid().bidder() - 1000).isBetween(1000L, maxPerson + 11);
        assertThat(event.bid().auction()).isBetween(1000L, maxAuction + 11);
        assertThat(event.bid().price()).isBetween(100L, 100_000_000L);
        assertThat(event.bid().extra().length()).isBetween(54, 81);
      }
      if (event.auction() != null) {
        assertThat(event.auction().category()).isBetween(10L, 14L);
        assertThat(event.auction().reserve()).isGreaterThan(event.auction().initialBid());
        assertThat(event.auction().expires()).isGreaterThan(event.auction().dateTime());
      }
    }
  }

  @Test
  void hotAuctionsBiddersAndSellersTakeTheirShare() {
    List<Event> events = all(ONE);
    int bids = 0;
    int hotAuction = 0;
    int hotBidder = 0;
    int auctions = 0;
    int hotSeller = 0;
    long eventId = 2;
    for (Event event : events) {
      long lastPerson = EventIds.lastPersonId(eventId);
      if (event.bid() != null) {
        bids++;
        hotAuction += event.bid().auction() == (EventIds.lastAuctionId(eventId) / 100) * 100 + 1000 ? 1 : 0;
        hotBidder += event.bid().bidder() == (lastPerson / 100) * 100 + 1 + 2000 ? 1 : 0;
      } else if (event.auction() != null) {
        auctions++;
        hotSeller += event.auction().seller() == (lastPerson / 100) * 100 + 1000 ? 1 : 0;
      }
      eventId++;
    }
    // the hot share plus the chance that a random draw lands on the hot one
    assertThat((double) hotAuction / bids).isBetween(0.49, 0.53);
    assertThat((double) hotBidder / bids).isBetween(0.74, 0.79);
    assertThat((double) hotSeller / auctions).isBetween(0.72, 0.80);
  }

  @Test
  void timestampsFollowTheRateAndEventsEncodeAsJsonWithOneEntity() throws Exception {
    List<Event> events = all(ONE);
    // 10,000 events per second: 50,000 events span 5 s from the base time
    assertThat(events.get(0).dateTime()).isEqualTo(ONE.baseTime());
    assertThat(events.get(events.size() - 1).dateTime()).isEqualTo(ONE.baseTime() + 5_000);
    ObjectMapper json = new ObjectMapper();
    String bid = json.writeValueAsString(events.stream().filter(e -> e.bid() != null).findFirst().orElseThrow());
    assertThat(bid).startsWith("{\"eventType\":2,\"bid\":{\"auction\":").doesNotContain("person")
        .contains("\"dateTime\":" + ONE.baseTime());
    Set<Event> decoded = new HashSet<>();
    for (Event event : events.subList(0, 200)) {
      decoded.add(json.readValue(json.writeValueAsBytes(event), Event.class));
    }
    assertThat(decoded).containsExactlyInAnyOrderElementsOf(events.subList(0, 200));
  }
}
