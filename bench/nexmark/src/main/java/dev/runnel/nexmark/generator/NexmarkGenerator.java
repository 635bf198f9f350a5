package dev.runnel.nexmark.generator;

import static dev.runnel.nexmark.generator.GeneratorConfig.ACTIVE_PEOPLE;
import static dev.runnel.nexmark.generator.GeneratorConfig.AUCTION_PROPORTION;
import static dev.runnel.nexmark.generator.GeneratorConfig.AVG_AUCTION_BYTES;
import static dev.runnel.nexmark.generator.GeneratorConfig.AVG_BID_BYTES;
import static dev.runnel.nexmark.generator.GeneratorConfig.AVG_PERSON_BYTES;
import static dev.runnel.nexmark.generator.GeneratorConfig.FIRST_AUCTION_ID;
import static dev.runnel.nexmark.generator.GeneratorConfig.FIRST_CATEGORY_ID;
import static dev.runnel.nexmark.generator.GeneratorConfig.FIRST_PERSON_ID;
import static dev.runnel.nexmark.generator.GeneratorConfig.HOT_AUCTION_RATIO;
import static dev.runnel.nexmark.generator.GeneratorConfig.HOT_BATCH;
import static dev.runnel.nexmark.generator.GeneratorConfig.HOT_BIDDERS_RATIO;
import static dev.runnel.nexmark.generator.GeneratorConfig.HOT_SELLERS_RATIO;
import static dev.runnel.nexmark.generator.GeneratorConfig.ID_LEAD;
import static dev.runnel.nexmark.generator.GeneratorConfig.IN_FLIGHT_AUCTIONS;
import static dev.runnel.nexmark.generator.GeneratorConfig.NUM_CATEGORIES;
import static dev.runnel.nexmark.generator.GeneratorConfig.TOTAL_PROPORTION;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * One instance of the Nexmark generator (NEXMARK_SPEC §2): its block of event ids, in order, with timestamps on its
 * own timeline. Every random draw of an event comes from a generator seeded by the config's seed and the event id
 * alone, so an event's content does not depend on how the stream is split, only its timestamps do (they follow the
 * instance's event number). Not thread-safe.
 */
public final class NexmarkGenerator implements Iterator<Event> {
  private static final String[] FIRST_NAMES =
      {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"};
  private static final String[] LAST_NAMES =
      {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"};
  private static final String[] CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend",
      "Redmond", "Seattle", "Kent", "Cheyenne"};
  private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  /** Event numbers between an auction and the one 100 auctions later: the span its expiry is drawn from. */
  private static final long AUCTION_LIFE_EVENTS = HOT_BATCH * TOTAL_PROPORTION / AUCTION_PROPORTION;

  private final GeneratorConfig config;
  private final long firstEventId;
  private final long events;
  private final RandomText text;
  private final Channels channels;
  private long emitted;

  /** Instance {@code instance} (0-based) of {@code config}'s split. */
  public NexmarkGenerator(GeneratorConfig config, int instance) {
    if (instance < 0 || instance >= config.instances()) {
      throw new IllegalArgumentException("instance " + instance + " of " + config.instances());
    }
    this.config = config;
    this.firstEventId = config.firstEventIdOf(instance);
    this.events = config.eventsOf(instance);
    this.text = new RandomText(config.seed());
    this.channels = new Channels(config.seed());
  }

  /** Every event of {@code config}: each instance's events in turn, made afresh on each iteration. */
  public static Iterable<Event> allOf(GeneratorConfig config) {
    return () -> java.util.stream.IntStream.range(0, config.instances()).boxed()
        .flatMap(i -> java.util.stream.StreamSupport.stream(java.util.Spliterators.spliterator(
            new NexmarkGenerator(config, i), config.eventsOf(i), java.util.Spliterator.ORDERED), false))
        .iterator();
  }

  @Override
  public boolean hasNext() {
    return emitted < events;
  }

  /** The event id of the next event. */
  public long nextEventId() {
    return firstEventId + 1 + emitted;
  }

  @Override
  public Event next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the instance made all its " + events + " events");
    }
    long eventNumber = 1 + emitted;
    long eventId = firstEventId + eventNumber;
    emitted++;
    long time = config.timestamp(eventNumber);
    SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + eventId);
    return switch (EventIds.kind(eventId)) {
      case Event.PERSON -> Event.of(person(eventId, time, random));
      case Event.AUCTION -> Event.of(auction(eventId, eventNumber, time, random));
      default -> Event.of(bid(eventId, time, random));
    };
  }

  private Person person(long eventId, long time, SplittableRandom random) {
    String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
    String email = RandomText.word(random, 7) + "@" + RandomText.word(random, 5) + ".com";
    String card = String.format("%04d %04d %04d %04d", random.nextInt(10_000), random.nextInt(10_000),
        random.nextInt(10_000), random.nextInt(10_000));
    String city = CITIES[random.nextInt(CITIES.length)];
    String state = STATES[random.nextInt(STATES.length)];
    int size = 8 + name.length() + email.length() + card.length() + city.length() + state.length();
    return new Person(EventIds.lastPersonId(eventId) + FIRST_PERSON_ID, name, email, card, city, state, time,
        text.extra(random, size, AVG_PERSON_BYTES));
  }

  private Auction auction(long eventId, long eventNumber, long time, SplittableRandom random) {
    long seller = random.nextInt(HOT_SELLERS_RATIO) > 0
        ? (EventIds.lastPersonId(eventId) / HOT_BATCH) * HOT_BATCH
        : randomPerson(eventId, random);
    long category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
    long initialBid = RandomText.price(random);
    long reserve = initialBid + RandomText.price(random);
    long horizon = config.timestamp(eventNumber + AUCTION_LIFE_EVENTS) - time;
    long expires = time + 1 + random.nextInt((int) Math.max(2 * horizon, 1));
    String itemName = RandomText.word(random, 20);
    String description = RandomText.word(random, 100);
    String extra = text.extra(random, 8 + itemName.length() + description.length() + 40, AVG_AUCTION_BYTES);
    return new Auction(EventIds.lastAuctionId(eventId) + FIRST_AUCTION_ID, itemName, description, initialBid, reserve,
        time, expires, seller + FIRST_PERSON_ID, category, extra);
  }

  private Bid bid(long eventId, long time, SplittableRandom random) {
    long auction = random.nextInt(HOT_AUCTION_RATIO) > 0
        ? (EventIds.lastAuctionId(eventId) / HOT_BATCH) * HOT_BATCH
        : randomInFlightAuction(eventId, random);
    long bidder = random.nextInt(HOT_BIDDERS_RATIO) > 0
        ? (EventIds.lastPersonId(eventId) / HOT_BATCH) * HOT_BATCH + 1
        : randomPerson(eventId, random);
    long price = RandomText.price(random);
    boolean hot = random.nextInt(2) == 0;
    int channel = random.nextInt(hot ? Channels.HOT_CHANNELS.length : Channels.CHANNELS);
    String extra = text.extra(random, 32, AVG_BID_BYTES);
    // the Flink suite adds FIRST_PERSON_ID twice to bidders (NEXMARK_SPEC §2.5, "Quirk")
    return new Bid(auction + FIRST_AUCTION_ID, bidder + FIRST_PERSON_ID + FIRST_PERSON_ID, price,
        Channels.name(hot, channel), channels.url(hot, channel), time, extra);
  }

  /** A 0-based person among the most recent {@link GeneratorConfig#ACTIVE_PEOPLE}, up to 10 ahead. */
  private static long randomPerson(long eventId, SplittableRandom random) {
    long people = EventIds.lastPersonId(eventId) + 1;
    long active = Math.min(people, ACTIVE_PEOPLE);
    return people - active + uniform(random, active + ID_LEAD);
  }

  /** A 0-based auction among the most recent {@link GeneratorConfig#IN_FLIGHT_AUCTIONS}, up to 10 ahead. */
  private static long randomInFlightAuction(long eventId, SplittableRandom random) {
    long max = EventIds.lastAuctionId(eventId);
    long min = Math.max(max - IN_FLIGHT_AUCTIONS, 0);
    return min + uniform(random, max - min + 1 + ID_LEAD);
  }

  /** U[0, n): a 32-bit bounded draw while n fits, else |nextLong| mod n. */
  private static long uniform(SplittableRandom random, long n) {
    return n < Integer.MAX_VALUE ? random.nextInt((int) n) : Math.abs(random.nextLong() % n);
  }
}
