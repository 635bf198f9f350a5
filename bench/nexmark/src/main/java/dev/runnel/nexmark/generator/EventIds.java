package dev.runnel.nexmark.generator;

import static dev.runnel.nexmark.generator.GeneratorConfig.AUCTION_PROPORTION;
import static dev.runnel.nexmark.generator.GeneratorConfig.PERSON_PROPORTION;
import static dev.runnel.nexmark.generator.GeneratorConfig.TOTAL_PROPORTION;

/** How an event id decides the event's kind and the ids of the newest person and auction (NEXMARK_SPEC §2.2, §2.4). */
public final class EventIds {
  private EventIds() {}

  /** The kind of event {@code eventId}: 1 person, then 3 auctions, then 46 bids in every block of 50 ids. */
  public static int kind(long eventId) {
    long r = eventId % TOTAL_PROPORTION;
    return r < PERSON_PROPORTION ? Event.PERSON : r < PERSON_PROPORTION + AUCTION_PROPORTION ? Event.AUCTION : Event.BID;
  }

  /** The 0-based id of the newest person created at or before {@code eventId}. */
  public static long lastPersonId(long eventId) {
    long epoch = eventId / TOTAL_PROPORTION;
    long offset = eventId % TOTAL_PROPORTION;
    if (offset >= PERSON_PROPORTION) {
      offset = PERSON_PROPORTION - 1;
    }
    return epoch * PERSON_PROPORTION + offset;
  }

  /** The 0-based id of the newest auction created at or before {@code eventId}. */
  public static long lastAuctionId(long eventId) {
    long epoch = eventId / TOTAL_PROPORTION;
    long offset = eventId % TOTAL_PROPORTION;
    if (offset < PERSON_PROPORTION) {
      epoch--;
      offset = AUCTION_PROPORTION - 1;
    } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
      offset = AUCTION_PROPORTION - 1;
    } else {
      offset -= PERSON_PROPORTION;
    }
    return epoch * AUCTION_PROPORTION + offset;
  }
}
