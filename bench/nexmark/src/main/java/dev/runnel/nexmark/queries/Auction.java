package dev.runnel.nexmark.queries;

/** A new auction, as the queries read it from the event JSON (times epoch milliseconds, prices cents). */
public record Auction(long id, String itemName, String description, long initialBid, long reserve, long dateTime,
    long expires, long seller, long category, String extra) {}
