package dev.runnel.functions.windows;

import dev.runnel.functions.time.SaturatingTime;

/**
 * One open window of one key, as stored in the key's state.
 *
 * @param start    the window's start, inclusive, epoch milliseconds
 * @param end      the window's end, exclusive
 * @param contents the accumulator, or the window's records (full-window processing)
 * @param firings  how many times the window has fired at or after its end: 0 until the watermark passes its end
 * @param early    how many times it fired early, before its end
 * @param since    windows with early firings or discarding: the records it received since it last fired; 0 otherwise
 * @param earlyAt  the processing time its next early firing by time is due, or {@code Long.MIN_VALUE} for none
 * @param <C>      the contents type
 */
public record OpenWindow<C>(long start, long end, C contents, int firings, int early, long since, long earlyAt) {
  /** A window without early firings. */
  public OpenWindow(long start, long end, C contents, int firings) {
    this(start, end, contents, firings, 0, 0, Long.MIN_VALUE);
  }

  /** The last time inside the window: it fires once the watermark reaches this. */
  public long maxTimestamp() {
    return SaturatingTime.minus(end, 1);
  }

  /** The same window with other contents. */
  public OpenWindow<C> with(C newContents) {
    return new OpenWindow<>(start, end, newContents, firings, early, since, earlyAt);
  }

  /** The same window after one more firing at or after its end. */
  public OpenWindow<C> fired() {
    return new OpenWindow<>(start, end, contents, firings + 1, early, 0, Long.MIN_VALUE);
  }

  /** The same window after one more early firing. */
  public OpenWindow<C> firedEarly() {
    return new OpenWindow<>(start, end, contents, firings, early + 1, 0, Long.MIN_VALUE);
  }

  /** The same window with one more record since its last firing, and its next early firing by time due at {@code at}. */
  public OpenWindow<C> received(long at) {
    return new OpenWindow<>(start, end, contents, firings, early, since + 1, at);
  }

  /** True when it holds what early firings and discarding need beyond the four stored elements. */
  boolean tracksFirings() {
    return early != 0 || since != 0 || earlyAt != Long.MIN_VALUE;
  }
}
