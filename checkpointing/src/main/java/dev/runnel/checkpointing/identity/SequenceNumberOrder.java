package dev.runnel.checkpointing.identity;

/**
 * The numeric order of Kinesis sequence numbers (decimal digit strings of any length, up to 129 digits), compared as
 * text: without leading zeros, a longer number is larger, and two of one length compare digit by digit. No
 * arbitrary-precision arithmetic, which a per-record comparison cannot afford.
 */
public final class SequenceNumberOrder {
  private SequenceNumberOrder() {
  }

  /** Negative, zero or positive as {@code a} is below, equal to or above {@code b}; both decimal digits. */
  public static int compare(String a, String b) {
    int aFrom = firstSignificant(a);
    int bFrom = firstSignificant(b);
    int byLength = Integer.compare(a.length() - aFrom, b.length() - bFrom);
    if (byLength != 0) {
      return byLength;
    }
    if (aFrom == 0 && bFrom == 0) {
      // the usual case, canonical digits of one length: String.compareTo finds the first difference word by word
      // (sequence numbers of one shard share some 40 leading digits)
      return Integer.signum(a.compareTo(b));
    }
    for (int i = aFrom, j = bFrom; i < a.length(); i++, j++) {
      int byDigit = Character.compare(a.charAt(i), b.charAt(j));
      if (byDigit != 0) {
        return byDigit;
      }
    }
    return 0;
  }

  /** The number without leading zeros ("0" for zero), so that equal numbers are equal strings. */
  public static String canonical(String digits) {
    int from = firstSignificant(digits);
    return from == 0 ? digits : digits.substring(from);
  }

  /** Where the number's digits start after leading zeros; the last digit of an all-zero string. */
  private static int firstSignificant(String digits) {
    int from = 0;
    while (from < digits.length() - 1 && digits.charAt(from) == '0') {
      from++;
    }
    return from;
  }
}
