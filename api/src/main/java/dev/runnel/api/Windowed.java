package dev.runnel.api;

/**
 * The result of one window of one key, passed to a {@link Window} method, with the key as text; take a
 * {@link KeyedWindow} instead to get the key as the key-by field's type.
 *
 * @param key    the key, as a string (the key-by field's value as {@code String.valueOf} writes it)
 * @param start  the window's start, epoch milliseconds (inclusive)
 * @param end    the window's end, epoch milliseconds (exclusive)
 * @param value  the aggregate's result, or the window's records
 * @param firing 0 for the firing when the watermark passed the end; 1, 2, ... for updates by late records
 * @param <V>    the value type
 */
public record Windowed<V>(String key, long start, long end, V value, int firing) {}
