package dev.runnel.api;

/**
 * The result of one window of one key, passed to a {@link Window} method, with the key as text; take a
 * {@link KeyedWindow} instead to get the key as the key-by field's type.
 *
 * @param key    the key, as a string (the key-by field's value as {@code String.valueOf} writes it)
 * @param start  the window's start, epoch milliseconds (inclusive); for count windows, the key's number of the
 *               window's first record (from 0)
 * @param end    the window's end, epoch milliseconds (exclusive); for count windows, the number after its last record
 * @param value  the aggregate's result, or the window's records (with {@link Window.Firing#DISCARDING}: those since
 *               the window's previous firing)
 * @param firing how many times the window fired before: 0 for its first firing; without early firings, 0 is the
 *               firing when the watermark passed the end and 1, 2, ... are updates by late records
 * @param timing whether this firing is early (before the end), on time (the end passed) or late (a late record)
 * @param <V>    the value type
 */
public record Windowed<V>(String key, long start, long end, V value, int firing, Timing timing) {
  /** A firing without early firings: on time for firing 0, late after. */
  public Windowed(String key, long start, long end, V value, int firing) {
    this(key, start, end, value, firing, firing == 0 ? Timing.ON_TIME : Timing.LATE);
  }

  /** When a window fired, as in Beam's panes. */
  public enum Timing {
    /** Before its end: {@link Window#earlyEvery()} or {@link Window#earlyCount()}. */
    EARLY,
    /** When the watermark (or processing time) passed its end; count windows always fire on time. */
    ON_TIME,
    /** Again, for a record that arrived within the allowed lateness. */
    LATE
  }
}
