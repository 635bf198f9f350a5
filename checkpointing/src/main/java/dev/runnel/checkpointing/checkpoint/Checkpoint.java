package dev.runnel.checkpointing.checkpoint;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The committed position of one stage on one shard of its input: every input record at or before {@code position}
 * is fully applied (outputs acknowledged, state written); the retry of a batch drops those records.
 *
 * @param stage    the stage
 * @param shardId  the shard of the stage's input stream
 * @param position the sequence number of the last input record whose effects are all committed (decimal digits)
 */
public record Checkpoint(String stage, String shardId, String position) {

  /** Checks that no part is missing and the position is a decimal number. */
  public Checkpoint {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(shardId, "shardId");
    position(position);
  }

  /** True if the record at {@code sequenceNumber} is at or before this checkpoint, so a redelivery of it is dropped. */
  public boolean covers(String sequenceNumber) {
    return position(sequenceNumber).compareTo(new BigInteger(position)) <= 0;
  }

  /**
   * Throws IllegalArgumentException unless {@code next} is a position greater than {@code expected} as numbers
   * ({@code expected} null: any position); Kinesis sequence numbers are decimal strings of up to 56 digits.
   */
  public static void requireAdvance(String expected, String next) {
    BigInteger to = position(next);
    if (expected != null && to.compareTo(position(expected)) <= 0) {
      throw new IllegalArgumentException("a checkpoint only moves forward: " + next + " is not after " + expected);
    }
  }

  /**
   * The key of the checkpoint of ({@code stage}, {@code shardId}): {@code stage|shardId}, the table's {@code pk}.
   * A stage name must not contain '|', or two (stage, shard) pairs could share a key.
   */
  public static String itemKey(String stage, String shardId) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(shardId, "shardId");
    if (stage.indexOf('|') >= 0) {
      throw new IllegalArgumentException("stage name '" + stage + "' contains '|', which separates it from the shard");
    }
    return stage + "|" + shardId;
  }

  /** The sequence number {@code value} as a number; IllegalArgumentException if it is not decimal digits. */
  static BigInteger position(String value) {
    Objects.requireNonNull(value, "position");
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("a position is a sequence number in decimal digits, not '" + value + "'");
    }
    return new BigInteger(value);
  }
}
