package dev.runnel.checkpointing.dedup;

/**
 * The differences between sequence numbers that the dedup memory's text form stores: a difference in base 36 from two
 * decimal numbers, and a decimal number from another plus such a difference. Exact for any length, on base-10⁹ limbs
 * (most significant first), with no arbitrary-precision library: this runs once per remembered identity per write.
 */
final class DecimalDelta {
  private static final int LIMB = 1_000_000_000;
  private static final int LIMB_DIGITS = 9;
  private static final int RADIX = Character.MAX_RADIX;
  /** Base-36 digits taken per division, and 36 to that power (times 10^9 it still fits a long). */
  private static final int RADIX_CHUNK_DIGITS = 5;
  private static final long RADIX_CHUNK = 60_466_176L;
  /** Decimal digits a long always holds, and 10 to that power. */
  private static final int LONG_DIGITS = 18;
  private static final long LONG_LIMIT = 1_000_000_000_000_000_000L;
  /** Base-36 digits a long always holds (36^12 is below 2^63). */
  private static final int LONG_BASE36_DIGITS = 12;

  private DecimalDelta() {
  }

  /** {@code higher - lower} in base 36; both canonical decimal digits, {@code higher >= lower}. */
  static String base36Difference(String higher, String lower) {
    int length = higher.length();
    if (length == lower.length()) {
      // close numbers of one length differ in their last digits only: those fit a long
      int from = 0;
      while (from < length && higher.charAt(from) == lower.charAt(from)) {
        from++;
      }
      if (length - from <= LONG_DIGITS) {
        long difference = from == length ? 0
            : Long.parseLong(higher, from, length, 10) - Long.parseLong(lower, from, length, 10);
        if (difference < 0) {
          throw new IllegalArgumentException(higher + " is below " + lower);
        }
        return Long.toString(difference, RADIX);
      }
    }
    int[] difference = limbs(higher);
    int[] subtrahend = limbs(lower);
    long borrow = 0;
    for (int i = difference.length - 1, j = subtrahend.length - 1; i >= 0; i--, j--) {
      long limb = (long) difference[i] - (j >= 0 ? subtrahend[j] : 0) - borrow;
      borrow = limb < 0 ? 1 : 0;
      difference[i] = (int) (limb < 0 ? limb + LIMB : limb);
    }
    if (borrow != 0) {
      throw new IllegalArgumentException(higher + " is below " + lower);
    }
    // divided by 36^5 per pass, each remainder giving five base-36 digits, least significant first
    StringBuilder digits = new StringBuilder();
    int from = 0;
    while (from < difference.length && difference[from] == 0) {
      from++;
    }
    while (from < difference.length) {
      long remainder = 0;
      for (int i = from; i < difference.length; i++) {
        long value = remainder * LIMB + difference[i];
        difference[i] = (int) (value / RADIX_CHUNK);
        remainder = value % RADIX_CHUNK;
      }
      while (from < difference.length && difference[from] == 0) {
        from++;
      }
      boolean last = from == difference.length;
      for (int k = 0; k < RADIX_CHUNK_DIGITS && !(last && remainder == 0); k++) {
        digits.append(Character.forDigit((int) (remainder % RADIX), RADIX));
        remainder /= RADIX;
      }
    }
    return digits.length() == 0 ? "0" : digits.reverse().toString();
  }

  /** {@code base + delta}, canonical decimal digits; {@code base} decimal, {@code delta} base 36. */
  static String plusBase36(String base, String delta) {
    if (delta.isEmpty()) {
      throw new NumberFormatException("an empty difference");
    }
    if (delta.length() <= LONG_BASE36_DIGITS && base.length() > LONG_DIGITS
        && Character.digit(delta.charAt(0), RADIX) >= 0) {
      // a small difference changes the last digits only, unless it carries past them
      int from = base.length() - LONG_DIGITS;
      long sum = Long.parseLong(base, from, base.length(), 10) + Long.parseLong(delta, RADIX);
      if (sum < LONG_LIMIT && sum >= 0 && base.charAt(0) != '0') {
        String digits = Long.toString(sum);
        return base.substring(0, from) + "0".repeat(LONG_DIGITS - digits.length()) + digits;
      }
    }
    int[] baseLimbs = limbs(base);
    int[] sum = new int[baseLimbs.length + delta.length() / 5 + 2];
    System.arraycopy(baseLimbs, 0, sum, sum.length - baseLimbs.length, baseLimbs.length);
    int[] added = new int[sum.length];
    for (int c = 0; c < delta.length(); c++) {
      int digit = Character.digit(delta.charAt(c), RADIX);
      if (digit < 0) {
        throw new NumberFormatException("'" + delta + "' is not a base-36 number");
      }
      long carry = digit;
      for (int i = added.length - 1; i >= 0; i--) {
        long value = (long) added[i] * RADIX + carry;
        added[i] = (int) (value % LIMB);
        carry = value / LIMB;
      }
    }
    long carry = 0;
    for (int i = sum.length - 1; i >= 0; i--) {
      long value = (long) sum[i] + added[i] + carry;
      sum[i] = (int) (value % LIMB);
      carry = value / LIMB;
    }
    StringBuilder text = new StringBuilder();
    for (int limb : sum) {
      if (text.length() == 0) {
        if (limb != 0) {
          text.append(limb);
        }
      } else {
        String part = Integer.toString(limb);
        text.append("0".repeat(LIMB_DIGITS - part.length())).append(part);
      }
    }
    return text.length() == 0 ? "0" : text.toString();
  }

  /** Decimal digits as base-10⁹ limbs, most significant first. */
  private static int[] limbs(String digits) {
    int count = (digits.length() + LIMB_DIGITS - 1) / LIMB_DIGITS;
    int[] limbs = new int[count];
    int end = digits.length();
    for (int i = count - 1; i >= 0; i--) {
      int start = Math.max(0, end - LIMB_DIGITS);
      int limb = 0;
      for (int c = start; c < end; c++) {
        char digit = digits.charAt(c);
        if (digit < '0' || digit > '9') {
          throw new NumberFormatException("'" + digits + "' is not a decimal number");
        }
        limb = limb * 10 + (digit - '0');
      }
      limbs[i] = limb;
      end = start;
    }
    return limbs;
  }
}
