package dev.runnel.functions.aggregate;

/**
 * The position of a sub-record on an aggregated stream: its aggregate's sequence number × 10^4 + its index, as
 * decimal text (the sequence number followed by the index in 4 digits). Positions still grow along a shard, so
 * checkpoints, narrowing and dead-letter ids work on them as on sequence numbers; a plain record on an aggregated
 * stream (a watermark marker) is index 0 of its own sequence number.
 */
public final class SubRecordPosition {
  /** Indexes per Kinesis record: 10^4. */
  public static final int SUB_RECORDS_PER_RECORD = 10_000;
  private static final int DIGITS = 4;

  private SubRecordPosition() {}

  /** The position of sub-record {@code index} of the record at {@code sequenceNumber}. */
  public static String of(String sequenceNumber, int index) {
    if (index < 0 || index >= SUB_RECORDS_PER_RECORD) {
      throw new IllegalArgumentException("a sub-record index is 0 to " + (SUB_RECORDS_PER_RECORD - 1) + ", not "
          + index);
    }
    String digits = Integer.toString(index);
    return sequenceNumber + "0".repeat(DIGITS - digits.length()) + digits;
  }

  /** The sequence number of the Kinesis record holding the sub-record at {@code position}: what Lambda knows. */
  public static String sequenceNumber(String position) {
    if (position.length() <= DIGITS) {
      throw new IllegalArgumentException("'" + position + "' is not a sub-record position (a sequence number and"
          + " a 4-digit index)");
    }
    return position.substring(0, position.length() - DIGITS);
  }

  /** The index of the sub-record at {@code position} in its aggregate. */
  public static int index(String position) {
    sequenceNumber(position); // refuses what is not a sub-record position
    return Integer.parseInt(position.substring(position.length() - DIGITS));
  }
}
