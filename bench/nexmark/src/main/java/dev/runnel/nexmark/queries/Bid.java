package dev.runnel.nexmark.queries;

/** A bid, as the queries read it from the event JSON (times epoch milliseconds, prices cents). */
public record Bid(long auction, long bidder, long price, String channel, String url, long dateTime, String extra) {}
