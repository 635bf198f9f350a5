package dev.runnel.functions.windows;

import dev.runnel.functions.time.SaturatingTime;
import dev.runnel.plan.WindowSpec;

/**
 * When a tumbling window fires before its end ({@code @Window(earlyEvery, earlyCount)}) and what its firings keep
 * ({@code firing = DISCARDING}): the rules, over a window's {@link OpenWindow#since()} and
 * {@link OpenWindow#earlyAt()}. Early firings stop once the window fired at its end.
 */
record EarlyFirings(WindowSpec spec) {

  /** True when the windows keep what early firings or discarding need. */
  boolean tracked() {
    return spec.earlyEveryMillis() != null || spec.earlyCount() != null || spec.discards();
  }

  /**
   * {@code window} after one more record at processing time {@code now}: one more since its last firing, and, with
   * {@code earlyEvery}, an early firing due at the next multiple of it after {@code now} unless one is due already.
   */
  OpenWindow<Object> received(OpenWindow<Object> window, long now) {
    long at = window.earlyAt();
    if (spec.earlyEveryMillis() != null && window.firings() == 0 && at == Long.MIN_VALUE) {
      long every = spec.earlyEveryMillis();
      at = SaturatingTime.plus(now - Math.floorMod(now, every), every);
    }
    return window.received(at);
  }

  /** True when {@code window} has received {@code earlyCount} records since it last fired, before its end. */
  boolean dueByCount(OpenWindow<Object> window) {
    return spec.earlyCount() != null && window.firings() == 0 && window.since() >= spec.earlyCount();
  }

  /** True when {@code window}'s early firing by time is due at {@code processingTime} and it has something new. */
  boolean dueByTime(OpenWindow<Object> window, long processingTime) {
    return window.firings() == 0 && window.earlyAt() != Long.MIN_VALUE && processingTime != Long.MIN_VALUE
        && processingTime >= window.earlyAt() && window.since() > 0;
  }

  /** True when the firing at its end emits nothing: discarding, and nothing arrived since an early firing. */
  boolean silentAtEnd(OpenWindow<Object> window) {
    return spec.discards() && window.early() > 0 && window.since() == 0;
  }
}
