package dev.runnel.functions.windows;

import dev.runnel.functions.time.SaturatingTime;
import dev.runnel.plan.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows a record at an event time belongs to, for tumbling and sliding windows; sessions start one window.
 * Every bound is computed without wrapping around: a window that would start before {@code Long.MIN_VALUE} starts
 * there, one that would end after {@code Long.MAX_VALUE} ends there, and the work per record depends on the window's
 * size over its slide only, never on the time's value.
 */
public record WindowAssigner(WindowSpec spec) {

  /** A window's bounds. */
  public record Bounds(long start, long end) {}

  /** The windows of a record at {@code time}, ordered by start. */
  public List<Bounds> assign(long time) {
    return switch (spec.kind()) {
      case TUMBLING, SLIDING -> slidingWindows(time);
      case SESSION -> List.of(new Bounds(time, SaturatingTime.plus(time, spec.gapMillis())));
      case COUNT -> throw new IllegalStateException("count windows are placed by record number, not by time");
    };
  }

  /**
   * Window number {@code n} spans {@code [n * slide, n * slide + size)}. The newest window holding {@code time} is
   * {@code floorDiv(time, slide)}, and the {@code i}-th before it holds it while {@code back = offset + i * slide} is
   * below the size, with {@code offset = floorMod(time, slide)}: its bounds are {@code time - back} and
   * {@code time - back + size}, computed from the time so that nothing overflows but a start before the first long.
   */
  private List<Bounds> slidingWindows(long time) {
    long size = spec.sizeMillis();
    long slide = spec.slideMillis();
    long offset = Math.floorMod(time, slide);
    long count = offset >= size ? 0 : -Math.floorDiv(-(size - offset), slide);
    List<Bounds> windows = new ArrayList<>((int) Math.min(count, 16));
    for (long i = count - 1; i >= 0; i--) {
      long back = offset + i * slide;
      windows.add(new Bounds(SaturatingTime.minus(time, back), SaturatingTime.plus(time, size - back)));
    }
    return windows;
  }

  /** True when a window ending at {@code end} is past its allowed lateness at {@code watermark}: it is gone. */
  public boolean isExpired(long end, long watermark) {
    return watermark != Long.MIN_VALUE
        && SaturatingTime.plus(SaturatingTime.minus(end, 1), spec.latenessMillis()) <= watermark;
  }

  /** True when a window ending at {@code end} is due to fire at {@code watermark}. */
  public static boolean isDue(long end, long watermark) {
    return watermark != Long.MIN_VALUE && SaturatingTime.minus(end, 1) <= watermark;
  }
}
