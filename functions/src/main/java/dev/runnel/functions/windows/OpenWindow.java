package dev.runnel.functions.windows;

import dev.runnel.functions.time.SaturatingTime;

/**
 * One open window of one key, as stored in the key's state.
 *
 * @param start    the window's start, inclusive, epoch milliseconds
 * @param end      the window's end, exclusive
 * @param contents the accumulator, or the window's records (full-window processing)
 * @param firings  how many times the window has fired: 0 until the watermark passes its end
 * @param <C>      the contents type
 */
public record OpenWindow<C>(long start, long end, C contents, int firings) {
  /** The last time inside the window: it fires once the watermark reaches this. */
  public long maxTimestamp() {
    return SaturatingTime.minus(end, 1);
  }

  /** The same window with other contents. */
  public OpenWindow<C> with(C newContents) {
    return new OpenWindow<>(start, end, newContents, firings);
  }

  /** The same window after one more firing. */
  public OpenWindow<C> fired() {
    return new OpenWindow<>(start, end, contents, firings + 1);
  }
}
