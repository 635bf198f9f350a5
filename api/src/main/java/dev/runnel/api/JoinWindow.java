package dev.runnel.api;

/**
 * The window a {@link WindowJoin} pair met in, as an optional last parameter of the join method.
 *
 * @param key   the key both records share, as text (the key-by field's value as {@code String.valueOf} writes it)
 * @param start the window's start, epoch milliseconds (inclusive)
 * @param end   the window's end, epoch milliseconds (exclusive)
 */
public record JoinWindow(String key, long start, long end) {}
