package dev.runnel.inference.ratelimit;

import java.util.List;

/** Counts what started in sliding time windows, to check a rate limit from the outside. */
final class SlidingWindows {
  private SlidingWindows() {}

  /** The most events with times (sorted, ms) in any closed window [t, t + w] that starts at an event. */
  static int maxCount(List<Long> sortedMillis, long windowMillis) {
    int most = 0;
    int end = 0;
    for (int start = 0; start < sortedMillis.size(); start++) {
      while (end < sortedMillis.size() && sortedMillis.get(end) <= sortedMillis.get(start) + windowMillis) {
        end++;
      }
      most = Math.max(most, end - start);
    }
    return most;
  }

  /** What a bucket for {@code perMinute} may admit in a window of {@code windowMillis}: B + rate·w, rounded down. */
  static long bound(long perMinute, long windowMillis) {
    Allowance allowance = Allowance.perMinute(perMinute);
    return (long) Math.floor(allowance.capacity() + allowance.refillPerMilli() * windowMillis + 1e-9);
  }
}
