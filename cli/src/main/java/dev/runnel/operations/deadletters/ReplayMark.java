package dev.runnel.operations.deadletters;

/**
 * What a replay left on a dead letter's item (attributes {@code replayClaim}, {@code replayClaimedAt},
 * {@code replayedAt}, {@code replayedAs}, {@code replaySequenceNumber}).
 *
 * @param claim          the token of the replay that claimed it
 * @param claimedAt      when (ISO-8601)
 * @param replayedAt     when its record was acknowledged by Kinesis, or null: the replay was interrupted between its
 *                       claim and its put, and may or may not have put the record
 * @param replayedAs     the partition key the replayed record was put with
 * @param sequenceNumber the replayed record's sequence number in the stage's input, or null
 */
public record ReplayMark(String claim, String claimedAt, String replayedAt, String replayedAs,
    String sequenceNumber) {
  /** True when the record was put and acknowledged. */
  public boolean confirmed() {
    return replayedAt != null;
  }
}
