package dev.runnel.nexmark.generator;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One event of the Nexmark stream: exactly one of {@code person}, {@code auction} and {@code bid} is set, as
 * {@code eventType} (0, 1, 2) says, the physical row of the Flink suite. {@code dateTime} is that entity's time, the
 * suite's computed event-time column, written out so that a Runnel source can declare it as its {@code @EventTime}.
 * As JSON the unset entities are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(int eventType, Person person, Auction auction, Bid bid, long dateTime) {
  /** The event type of a person. */
  public static final int PERSON = 0;
  /** The event type of an auction. */
  public static final int AUCTION = 1;
  /** The event type of a bid. */
  public static final int BID = 2;

  public Event {
    int set = (person != null ? 1 : 0) + (auction != null ? 1 : 0) + (bid != null ? 1 : 0);
    long time = switch (eventType) {
      case PERSON -> person == null ? Long.MIN_VALUE : person.dateTime();
      case AUCTION -> auction == null ? Long.MIN_VALUE : auction.dateTime();
      case BID -> bid == null ? Long.MIN_VALUE : bid.dateTime();
      default -> throw new IllegalArgumentException("event type must be 0, 1 or 2, not " + eventType);
    };
    if (set != 1 || time != dateTime) {
      throw new IllegalArgumentException("an event of type " + eventType + " holds exactly that entity, with its time");
    }
  }

  /** A person event. */
  public static Event of(Person person) {
    return new Event(PERSON, person, null, null, person.dateTime());
  }

  /** An auction event. */
  public static Event of(Auction auction) {
    return new Event(AUCTION, null, auction, null, auction.dateTime());
  }

  /** A bid event. */
  public static Event of(Bid bid) {
    return new Event(BID, null, null, bid, bid.dateTime());
  }
}
