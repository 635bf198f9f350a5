package dev.runnel.functions.time;

/**
 * Adding a duration to a time, or subtracting one, in epoch milliseconds without wrapping around: a result beyond
 * {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE} stays at that bound, so an extreme event time can never turn into
 * its opposite (docs/time.md, "Accepted event times").
 */
public final class SaturatingTime {
  private SaturatingTime() {}

  /** {@code time + millis}, held at the bounds of {@code long}. */
  public static long plus(long time, long millis) {
    long sum = time + millis;
    // overflow iff both operands have the sign opposite to the result's
    if (((time ^ sum) & (millis ^ sum)) < 0) {
      return millis > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return sum;
  }

  /** {@code time - millis}, held at the bounds of {@code long}. */
  public static long minus(long time, long millis) {
    long difference = time - millis;
    // overflow iff the operands have different signs and the result's sign differs from the time's
    if (((time ^ millis) & (time ^ difference)) < 0) {
      return millis > 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return difference;
  }
}
