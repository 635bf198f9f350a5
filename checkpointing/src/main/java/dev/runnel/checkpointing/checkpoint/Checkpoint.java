package dev.runnel.checkpointing.checkpoint;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The committed position of one stage on one shard of its input: every input record at or before {@code position}
 * is fully applied (outputs acknowledged, state written); the retry of a batch drops those records.
 *
 * @param stage    the stage
 * @param shardId  the shard of the stage's input stream
 * @param position the sequence number of the last input record whose effects are all committed (decimal digits), or
 *                 null when only time or failures were committed (a tick on a shard that has had no record yet, a
 *                 stage in parallel lanes, which commits no position)
 * @param time     the shard's event-time progress, or null for a stage without time
 * @param revision how many commits the item has had; each commit is conditional on the revision it read
 * @param failures what failed attempts at the records after {@code position} left behind ({@link BatchFailures})
 * @param stateLog for a stage whose keyed state is a state log (docs/state-log.md), the items its committed state is
 *                 made of; null for a stage with per-key state items or none
 * @param handedOver true once the shard is closed and its children adopted its state log (docs/state-log.md,
 *                   "Resharding"): nothing is committed here any more, so nothing the children hold fires twice
 */
public record Checkpoint(String stage, String shardId, String position, ShardTime time, long revision,
    BatchFailures failures, StateLogRefs stateLog, boolean handedOver) {

  /** A checkpoint that is not handed over. */
  public Checkpoint(String stage, String shardId, String position, ShardTime time, long revision,
      BatchFailures failures, StateLogRefs stateLog) {
    this(stage, shardId, position, time, revision, failures, stateLog, false);
  }

  /** A checkpoint without a state log. */
  public Checkpoint(String stage, String shardId, String position, ShardTime time, long revision,
      BatchFailures failures) {
    this(stage, shardId, position, time, revision, failures, null);
  }

  /** A checkpoint without recorded failures. */
  public Checkpoint(String stage, String shardId, String position, ShardTime time, long revision) {
    this(stage, shardId, position, time, revision, BatchFailures.NONE);
  }

  /** A checkpoint of a stage without time, as read from an item at {@code revision} 0 (before revisions existed). */
  public Checkpoint(String stage, String shardId, String position) {
    this(stage, shardId, position, null, 0);
  }

  /** Checks that no part is missing and the position is a decimal number. */
  public Checkpoint {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(shardId, "shardId");
    failures = failures == null ? BatchFailures.NONE : failures.after(position);
    if (position != null) {
      position(position);
    }
    if (revision < 0) {
      throw new IllegalArgumentException("a checkpoint revision is not negative, not " + revision);
    }
  }

  /** The next commit after this one: {@code position} and {@code time} at the following revision. */
  public Checkpoint next(String position, ShardTime time) {
    return new Checkpoint(stage, shardId, position, time, revision + 1, failures, stateLog, handedOver);
  }

  /** The next commit after this one: {@code position}, {@code time} and {@code newStateLog} at the following revision. */
  public Checkpoint next(String position, ShardTime time, StateLogRefs newStateLog) {
    return new Checkpoint(stage, shardId, position, time, revision + 1, failures, newStateLog, handedOver);
  }

  /**
   * The commit after this one that hands the shard over to its children: the same position, time and state log, and
   * nothing committed after it.
   */
  public Checkpoint handOver() {
    return new Checkpoint(stage, shardId, position, time, revision + 1, failures, stateLog, true);
  }

  /** The next commit after this one that keeps position and time and records {@code newFailures}. */
  public Checkpoint withFailures(BatchFailures newFailures) {
    return new Checkpoint(stage, shardId, position, time, revision + 1, newFailures, stateLog, handedOver);
  }

  /**
   * The commit that records {@code failures} after {@code read} (null: no item yet, which this one starts at
   * revision 1), keeping its position and time.
   */
  public static Checkpoint recordingFailures(Checkpoint read, String stage, String shardId, BatchFailures failures) {
    return read == null ? new Checkpoint(stage, shardId, null, null, 1, failures) : read.withFailures(failures);
  }

  /** The first commit of a (stage, shard) that has no checkpoint item yet, at revision 1. */
  public static Checkpoint first(String stage, String shardId, String position, ShardTime time) {
    return new Checkpoint(stage, shardId, position, time, 1);
  }

  /** True if the record at {@code sequenceNumber} is at or before this checkpoint, so a redelivery of it is dropped. */
  public boolean covers(String sequenceNumber) {
    return position != null && position(sequenceNumber).compareTo(new BigInteger(position)) <= 0;
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
   * Throws IllegalArgumentException unless {@code next} may replace {@code expected} (null: no checkpoint yet) in
   * {@link CheckpointStore#commit(Checkpoint, Checkpoint)}: the same stage and shard, the revision after
   * {@code expected}'s (1 after none), and a position that does not go backwards. A position may stay equal (a tick
   * commits time without moving it) and may be null only while {@code expected} has none either.
   */
  public static void requireNext(Checkpoint expected, Checkpoint next) {
    Objects.requireNonNull(next, "next");
    itemKey(next.stage, next.shardId);
    long revision = expected == null ? 1 : expected.revision + 1;
    if (expected != null && (!expected.stage.equals(next.stage) || !expected.shardId.equals(next.shardId))) {
      throw new IllegalArgumentException("a checkpoint of " + itemKey(next.stage, next.shardId)
          + " cannot replace one of " + itemKey(expected.stage, expected.shardId));
    }
    if (next.revision != revision) {
      throw new IllegalArgumentException("checkpoint " + itemKey(next.stage, next.shardId) + " after revision "
          + (expected == null ? "(none)" : Long.toString(expected.revision)) + " must be at revision " + revision
          + ", not " + next.revision);
    }
    if (expected != null && expected.position != null) {
      if (next.position == null) {
        throw new IllegalArgumentException("a checkpoint only moves forward: it cannot drop position "
            + expected.position);
      }
      if (position(next.position).compareTo(position(expected.position)) < 0) {
        throw new IllegalArgumentException("a checkpoint only moves forward: " + next.position + " is before "
            + expected.position);
      }
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
