package dev.runnel.nexmark.generator;

/**
 * What the generator makes: how many events over how many parallel instances, the event-time rate of the whole
 * stream, the first timestamp and the seed. The proportions and hot ratios are the Flink suite's defaults
 * (NEXMARK_SPEC §2.1), fixed here.
 *
 * @param events    total events over all instances
 * @param rate      event-time rate of the whole stream, events per second; it spaces timestamps, it does not throttle
 * @param instances parallel generator instances, each with a contiguous block of event ids
 * @param baseTime  the timestamp of event number 0 of every instance, epoch milliseconds (a 10 s boundary makes
 *                  windows line up the same way in every run)
 * @param seed      the seed of every random draw: the same config gives the same events
 */
public record GeneratorConfig(long events, double rate, int instances, long baseTime, long seed) {
  /** Persons per {@link #TOTAL_PROPORTION} events. */
  public static final int PERSON_PROPORTION = 1;
  /** Auctions per {@link #TOTAL_PROPORTION} events. */
  public static final int AUCTION_PROPORTION = 3;
  /** Bids per {@link #TOTAL_PROPORTION} events. */
  public static final int BID_PROPORTION = 46;
  /** The length of the person, auction, bid "epoch" of event ids. */
  public static final int TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;
  /** The first person's id. */
  public static final long FIRST_PERSON_ID = 1000;
  /** The first auction's id. */
  public static final long FIRST_AUCTION_ID = 1000;
  /** The first category. */
  public static final long FIRST_CATEGORY_ID = 10;
  /** How many categories there are. */
  public static final int NUM_CATEGORIES = 5;
  /** How far ahead of the newest person or auction a random reference may point. */
  public static final int ID_LEAD = 10;
  /** How many persons or auctions share one hot seller, bidder or auction. */
  public static final int HOT_BATCH = 100;
  /** One bid in this many does not go to the hot auction. */
  public static final int HOT_AUCTION_RATIO = 2;
  /** One bid in this many is not from the hot bidder. */
  public static final int HOT_BIDDERS_RATIO = 4;
  /** One auction in this many is not by the hot seller. */
  public static final int HOT_SELLERS_RATIO = 4;
  /** How many recent auctions random bids refer to. */
  public static final int IN_FLIGHT_AUCTIONS = 100;
  /** How many recent persons random sellers and bidders refer to. */
  public static final int ACTIVE_PEOPLE = 1000;
  /** Average sizes, in "idealised" bytes, that {@code extra} pads towards. */
  public static final int AVG_PERSON_BYTES = 200;
  /** See {@link #AVG_PERSON_BYTES}. */
  public static final int AVG_AUCTION_BYTES = 500;
  /** See {@link #AVG_PERSON_BYTES}. */
  public static final int AVG_BID_BYTES = 100;
  /** 2026-01-01T00:00:00Z, a 10 s boundary. */
  public static final long DEFAULT_BASE_TIME = 1_767_225_600_000L;

  public GeneratorConfig {
    if (events < 1 || rate <= 0 || instances < 1 || instances > events) {
      throw new IllegalArgumentException("the generator needs events >= instances >= 1 and a positive rate, not "
          + events + " events, " + instances + " instances, rate " + rate);
    }
  }

  /** {@code events} at {@code rate} events per second over {@code instances}, from the default base time, seed 1. */
  public static GeneratorConfig of(long events, double rate, int instances) {
    return new GeneratorConfig(events, rate, instances, DEFAULT_BASE_TIME, 1);
  }

  /** Microseconds between two events of one instance: every instance runs on its own, parallel timeline. */
  public double interEventDelayMicros() {
    return 1e6 / rate * instances;
  }

  /** How many events instance {@code instance} makes: an equal share, the last one also the remainder. */
  public long eventsOf(int instance) {
    long share = events / instances;
    return instance == instances - 1 ? share + events % instances : share;
  }

  /** The first event id of instance {@code instance}: the blocks of the instances are contiguous. */
  public long firstEventIdOf(int instance) {
    return 1 + instance * (events / instances);
  }

  /** The timestamp of an instance's event number {@code eventNumber}, epoch milliseconds. */
  public long timestamp(long eventNumber) {
    return baseTime + (long) (eventNumber * interEventDelayMicros()) / 1000;
  }
}
