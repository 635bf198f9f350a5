package dev.runnel.nexmark.generator;

/**
 * A new item for sale (event type 1). Times are epoch milliseconds, prices cents.
 *
 * @param id          the auction's id, from 1000, dense in event id
 * @param itemName    a random name
 * @param description a random description
 * @param initialBid  the opening price
 * @param reserve     the lowest price the seller accepts, above {@code initialBid}
 * @param dateTime    when the auction opened (event time)
 * @param expires     when it closes, after {@code dateTime}
 * @param seller      the selling {@link Person#id()}
 * @param category    10 to 14
 * @param extra       padding towards the average auction size of 500 bytes
 */
public record Auction(long id, String itemName, String description, long initialBid, long reserve, long dateTime,
    long expires, long seller, long category, String extra) {}
