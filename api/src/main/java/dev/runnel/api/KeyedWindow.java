package dev.runnel.api;

/**
 * The result of one window of one key, with the key as the key-by field's type: a {@link Window} method may take it
 * instead of {@link Windowed}, e.g. {@code perUser(KeyedWindow<Long, Double> window)} after {@code @KeyBy("userId")}
 * on a {@code long userId}. Keys of type String, a number, boolean, char, an enum or UUID can be typed.
 *
 * @param key    the key, of the key-by field's type (boxed)
 * @param start  the window's start, epoch milliseconds (inclusive)
 * @param end    the window's end, epoch milliseconds (exclusive)
 * @param value  the aggregate's result, or the window's records
 * @param firing 0 for the firing when the watermark passed the end; 1, 2, ... for updates by late records
 * @param <K>    the key type
 * @param <V>    the value type
 */
public record KeyedWindow<K, V>(K key, long start, long end, V value, int firing) {}
