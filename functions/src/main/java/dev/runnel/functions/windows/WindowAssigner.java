package dev.runnel.functions.windows;

import dev.runnel.plan.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/** The windows a record at an event time belongs to, for tumbling and sliding windows; sessions start one window. */
public record WindowAssigner(WindowSpec spec) {

  /** A window's bounds. */
  public record Bounds(long start, long end) {}

  /** The windows of a record at {@code time}, ordered by start. */
  public List<Bounds> assign(long time) {
    return switch (spec.kind()) {
      case TUMBLING, SLIDING -> {
        long size = spec.sizeMillis();
        long slide = spec.slideMillis();
        long lastStart = time - Math.floorMod(time, slide);
        List<Bounds> windows = new ArrayList<>();
        for (long start = lastStart - size + slide; start <= lastStart; start += slide) {
          if (start + size > time) {
            windows.add(new Bounds(start, start + size));
          }
        }
        yield windows;
      }
      case SESSION -> List.of(new Bounds(time, time + spec.gapMillis()));
    };
  }

  /** True when a window ending at {@code end} is past its allowed lateness at {@code watermark}: it is gone. */
  public boolean isExpired(long end, long watermark) {
    return watermark != Long.MIN_VALUE && end - 1 + spec.latenessMillis() <= watermark;
  }

  /** True when a window ending at {@code end} is due to fire at {@code watermark}. */
  public static boolean isDue(long end, long watermark) {
    return watermark != Long.MIN_VALUE && end - 1 <= watermark;
  }
}
