package dev.runnel.checkpointing.checkpoint;

import java.util.Optional;

/**
 * Where the committed position of each (stage, shard) lives; steps 1 and 7 of docs/exactly-once.md. Commits are
 * conditional, so of two invocations committing from the same position (a zombie and its retry) exactly one wins.
 * Implementations are thread-safe.
 */
public interface CheckpointStore {

  /** The committed position of {@code stage} on {@code shardId}, read strongly consistently; empty if none yet. */
  Optional<Checkpoint> load(String stage, String shardId);

  /**
   * Moves the checkpoint of ({@code stage}, {@code shardId}) from {@code expectedPosition} (null: no checkpoint yet)
   * to {@code newPosition}. Returns false, changing nothing, if the stored position is not {@code expectedPosition}:
   * another invocation committed first. Throttling is retried with backoff; other service errors are thrown.
   *
   * @throws IllegalArgumentException if {@code newPosition} is not greater than {@code expectedPosition} as a number
   */
  boolean commit(String stage, String shardId, String expectedPosition, String newPosition);

  /**
   * Replaces the checkpoint {@code expected} (null: no item yet) by {@code next}, whose revision must be the next one,
   * if the stored item is still at {@code expected}'s revision. Returns false, changing nothing, when another
   * invocation committed first. Used by stages with time, where a commit may move the time without the position;
   * it writes the position, the time and the revision together.
   *
   * @throws IllegalArgumentException if {@code next} is not at the revision after {@code expected} (or 1), or moves
   *                                  the position backwards
   */
  boolean commit(Checkpoint expected, Checkpoint next);

  /** What this store has asked of its backend so far. */
  CheckpointCounters counters();
}
