package dev.runnel.api;

/**
 * The result of one window of one key, with the key as the key-by field's type: a {@link Window} method may take it
 * instead of {@link Windowed}, e.g. {@code perUser(KeyedWindow<Long, Double> window)} after {@code @KeyBy("userId")}
 * on a {@code long userId}. Keys of type String, a number, boolean, char, an enum or UUID can be typed.
 *
 * @param key    the key, of the key-by field's type (boxed)
 * @param start  the window's start, epoch milliseconds (inclusive), or a count window's first record number
 * @param end    the window's end, epoch milliseconds (exclusive), or the number after a count window's last record
 * @param value  the aggregate's result, or the window's records
 * @param firing how many times the window fired before (as {@link Windowed#firing()})
 * @param timing whether this firing is early, on time or late
 * @param <K>    the key type
 * @param <V>    the value type
 */
public record KeyedWindow<K, V>(K key, long start, long end, V value, int firing, Windowed.Timing timing) {
  /** A firing without early firings: on time for firing 0, late after. */
  public KeyedWindow(K key, long start, long end, V value, int firing) {
    this(key, start, end, value, firing, firing == 0 ? Windowed.Timing.ON_TIME : Windowed.Timing.LATE);
  }
}
