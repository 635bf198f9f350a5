package dev.runnel.functions.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Time arithmetic holds at the bounds of {@code long} instead of wrapping around. */
class SaturatingTimeTest {
  private static final long[] VALUES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + 999, -86_400_000L, -1,
      0, 1, 5_000, 86_400_000L, 1_763_683_200_000L, Long.MAX_VALUE - 999, Long.MAX_VALUE - 1, Long.MAX_VALUE};

  @Test
  void plusAndMinusEqualTheExactResultClampedToLong() {
    for (long a : VALUES) {
      for (long b : VALUES) {
        BigInteger x = BigInteger.valueOf(a);
        BigInteger y = BigInteger.valueOf(b);
        assertThat(SaturatingTime.plus(a, b)).as("%d + %d", a, b).isEqualTo(clamp(x.add(y)));
        assertThat(SaturatingTime.minus(a, b)).as("%d - %d", a, b).isEqualTo(clamp(x.subtract(y)));
      }
    }
  }

  @Test
  void neverTurnsAnExtremeTimeIntoItsOpposite() {
    assertThat(SaturatingTime.plus(Long.MAX_VALUE - 1, 86_400_000L)).isEqualTo(Long.MAX_VALUE);
    assertThat(SaturatingTime.minus(Long.MIN_VALUE + 1, 5_000)).isEqualTo(Long.MIN_VALUE);
    assertThat(SaturatingTime.minus(-1, Long.MIN_VALUE)).isEqualTo(Long.MAX_VALUE);
  }

  private static long clamp(BigInteger exact) {
    return exact.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }
}
