package dev.runnel.functions.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Window bounds at every time, the extremes of {@code long} included: they match an exact reference clamped to the
 * range of {@code long}, and no time makes the assigner loop or run out of memory.
 */
class WindowAssignerTest {
  private static final long[] TIMES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + 2, Long.MIN_VALUE + 999,
      -9_223_372_036_854_775_807L + 60_000, -86_400_001, -1000, -1, 0, 1, 59_999, 60_000, 1_763_683_200_000L,
      1_763_683_200_000_000L, Long.MAX_VALUE - 60_000, Long.MAX_VALUE - 2, Long.MAX_VALUE - 1, Long.MAX_VALUE};

  private static final List<WindowSpec> SPECS = List.of(
      new WindowSpec(WindowKind.TUMBLING, 60_000, 60_000, 0, 30_000, null, null),
      new WindowSpec(WindowKind.TUMBLING, 1, 1, 0, 0, null, null),
      new WindowSpec(WindowKind.SLIDING, 60_000, 10_000, 0, 0, null, null),
      new WindowSpec(WindowKind.SLIDING, 7, 3, 0, Long.MAX_VALUE, null, null),
      new WindowSpec(WindowKind.SLIDING, 3, 1, 0, 0, null, null),
      new WindowSpec(WindowKind.SLIDING, Long.MAX_VALUE, Long.MAX_VALUE / 2, 0, 0, null, null));

  @Test
  void tumblingAndSlidingWindowsMatchTheExactReferenceAtEveryTime() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (WindowSpec spec : SPECS) {
        WindowAssigner assigner = new WindowAssigner(spec);
        for (long time : TIMES) {
          assertThat(assigner.assign(time)).as("%s windows at %d", spec, time).isEqualTo(reference(spec, time));
        }
      }
    });
  }

  @Test
  void everyWindowHoldsItsTimeUnlessTheTimeIsTheLastLong() {
    // (a source never accepts Long.MAX_VALUE, the end of input: docs/time.md)
    for (WindowSpec spec : SPECS) {
      WindowAssigner assigner = new WindowAssigner(spec);
      for (long time : TIMES) {
        List<WindowAssigner.Bounds> windows = assigner.assign(time);
        assertThat(windows).as("%s at %d", spec, time).isNotEmpty();
        for (WindowAssigner.Bounds bounds : windows) {
          assertThat(bounds.start()).isLessThanOrEqualTo(time);
          if (time != Long.MAX_VALUE) {
            assertThat(bounds.end()).as("%s at %d: %s", spec, time, bounds).isGreaterThan(time);
          }
        }
      }
    }
  }

  @Test
  void tumblingWindowsOfNegativeTimesStartAtTheFloor() {
    WindowAssigner minute = new WindowAssigner(new WindowSpec(WindowKind.TUMBLING, 60_000, 60_000, 0, 0, null, null));
    assertThat(minute.assign(-1)).containsExactly(new WindowAssigner.Bounds(-60_000, 0));
    assertThat(minute.assign(-1000)).containsExactly(new WindowAssigner.Bounds(-60_000, 0));
    // minute number floorDiv(MIN + 1, 60000) starts before the first long: it starts there and keeps its true end
    assertThat(minute.assign(Long.MIN_VALUE + 1))
        .containsExactly(new WindowAssigner.Bounds(Long.MIN_VALUE, -9_223_372_036_854_720_000L));
    assertThat(minute.assign(Long.MAX_VALUE - 1))
        .containsExactly(new WindowAssigner.Bounds(Long.MAX_VALUE - 1 - Math.floorMod(Long.MAX_VALUE - 1, 60_000L),
            Long.MAX_VALUE));
  }

  @Test
  void sessionWindowsEndAtMostAtTheLastLong() {
    WindowAssigner sessions = new WindowAssigner(new WindowSpec(WindowKind.SESSION, 0, 0, 1_800_000, 0, null, null));
    assertThat(sessions.assign(Long.MAX_VALUE - 1))
        .containsExactly(new WindowAssigner.Bounds(Long.MAX_VALUE - 1, Long.MAX_VALUE));
    assertThat(sessions.assign(Long.MIN_VALUE + 1))
        .containsExactly(new WindowAssigner.Bounds(Long.MIN_VALUE + 1, Long.MIN_VALUE + 1 + 1_800_000));
    assertThat(sessions.assign(-1)).containsExactly(new WindowAssigner.Bounds(-1, 1_799_999));
  }

  @Test
  void dueAndExpiredNeverWrapAround() {
    WindowAssigner late = new WindowAssigner(
        new WindowSpec(WindowKind.TUMBLING, 60_000, 60_000, 0, Long.MAX_VALUE, null, null));
    // a window ending at the last long with the largest lateness is due and gone only at the final watermark
    assertThat(WindowAssigner.isDue(Long.MAX_VALUE, Long.MAX_VALUE - 2)).isFalse();
    assertThat(WindowAssigner.isDue(Long.MAX_VALUE, Long.MAX_VALUE - 1)).isTrue();
    assertThat(late.isExpired(Long.MAX_VALUE, Long.MAX_VALUE - 1)).isFalse();
    assertThat(late.isExpired(Long.MAX_VALUE, Long.MAX_VALUE)).isTrue();
    assertThat(late.isExpired(60_000, 1_000_000)).isFalse();
    // the first window of time is due as soon as there is a watermark past it, not before any watermark
    assertThat(WindowAssigner.isDue(Long.MIN_VALUE + 1, Long.MIN_VALUE)).isFalse();
    assertThat(WindowAssigner.isDue(Long.MIN_VALUE + 1, Long.MIN_VALUE + 1)).isTrue();
    assertThat(WindowAssigner.isDue(0, -1)).isTrue();
    assertThat(WindowAssigner.isDue(0, -2)).isFalse();
  }

  /**
   * The windows {@code [n * slide, n * slide + size)} holding {@code time}, computed exactly and then clamped to the
   * range of {@code long}, duplicates made by the clamping dropped, ordered by start.
   */
  private static List<WindowAssigner.Bounds> reference(WindowSpec spec, long time) {
    BigInteger t = BigInteger.valueOf(time);
    BigInteger size = BigInteger.valueOf(spec.sizeMillis());
    BigInteger slide = BigInteger.valueOf(spec.slideMillis());
    BigInteger first = floorDiv(t.subtract(size), slide);
    BigInteger last = floorDiv(t, slide);
    List<WindowAssigner.Bounds> windows = new ArrayList<>();
    for (BigInteger n = first; n.compareTo(last) <= 0; n = n.add(BigInteger.ONE)) {
      BigInteger start = n.multiply(slide);
      BigInteger end = start.add(size);
      if (start.compareTo(t) <= 0 && t.compareTo(end) < 0) {
        WindowAssigner.Bounds bounds = new WindowAssigner.Bounds(clamp(start), clamp(end));
        if (windows.isEmpty() || !windows.get(windows.size() - 1).equals(bounds)) {
          windows.add(bounds);
        }
      }
    }
    return windows;
  }

  private static BigInteger floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  private static long clamp(BigInteger exact) {
    return exact.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }
}
