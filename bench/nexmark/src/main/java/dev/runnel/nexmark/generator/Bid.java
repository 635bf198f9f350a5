package dev.runnel.nexmark.generator;

/**
 * A bid on an auction (event type 2). Times are epoch milliseconds, prices cents.
 *
 * @param auction  the {@link Auction#id()} bid on
 * @param bidder   the bidding person's id, shifted by +1000 against {@link Person#id()} as in the Flink suite
 * @param price    the bid, log-uniform from 100 to 10^8 cents
 * @param channel  where the bid came from: a hot channel or "channel-i"
 * @param url      the item's URL on that channel
 * @param dateTime when the bid was placed (event time)
 * @param extra    padding towards the average bid size of 100 bytes
 */
public record Bid(long auction, long bidder, long price, String channel, String url, long dateTime, String extra) {}
