package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.ShardTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import dev.runnel.checkpointing.checkpoint.StateLogRefs;

/**
 * Keeps a batch of a stage with time from failing because a tick committed its shard meanwhile (docs/time.md,
 * "Ticks"). A tick carries no records: it only moves the shard's time, in a round it pins and then completes. A batch
 * that finds such a round pending, or whose checkpoint commit finds the position unchanged but the revision moved,
 * completes the round if the tick has not yet, takes the committed time as its base and commits again. That is what
 * its retry would do (complete the pending round, skip every record as already applied, commit), without the retry,
 * the bisection and the skipped records. A checkpoint whose position moved was committed by another batch: that
 * conflict stands, and the batch fails and is retried as before.
 */
final class RebaseOverTicks {
  /** Ticks come one a period per stage: a batch losing this often to them is racing something else. */
  private static final int MAX_ATTEMPTS = 4;

  private final FiringRounds rounds;
  private final ShardCheckpoints checkpoints;

  RebaseOverTicks(FiringRounds rounds, ShardCheckpoints checkpoints) {
    this.rounds = rounds;
    this.checkpoints = checkpoints;
  }

  /**
   * The shard's checkpoint with no pending round: {@code read} itself, or after completing its pending round, by this
   * invocation or by the tick racing it.
   *
   * @throws ConcurrentAttemptException when the round could not be completed in a few attempts
   */
  Checkpoint settled(String shard, Checkpoint read, BatchCounts counts) {
    Checkpoint checkpoint = read;
    for (int attempt = 1; FiringRounds.pending(checkpoint); attempt++) {
      try {
        return rounds.complete(checkpoint, counts);
      } catch (ConcurrentAttemptException conflict) {
        if (attempt == MAX_ATTEMPTS) {
          throw conflict;
        }
        // keys this attempt wrote before the conflict are not in the cache as written: read the truth
        checkpoints.forget();
        checkpoint = checkpoints.load(shard, counts);
      }
    }
    return checkpoint;
  }

  /**
   * Pins and commits the checkpoint after a batch that read {@code read} (null: none, or no round pending) and
   * applied its records up to {@code last}, with these event times and in-band upstream watermarks; announces the new
   * time first when no round is pinned. Commits over ticks that committed the shard meanwhile.
   *
   * @return the committed checkpoint, which may hold a pending round
   * @throws ConcurrentAttemptException when another batch committed the shard first
   */
  Checkpoint commit(String shard, Checkpoint read, String last, List<Long> eventTimes, Map<String, Long> heard,
      BatchCounts counts) {
    return commit(shard, read, last, eventTimes, heard, counts, null);
  }

  /**
   * As above for a stage in the state log layout: {@code stateLog} gives the state log refs to commit over a base
   * checkpoint (the one read, or one ticks committed since), writing the batch's entry again for it when needed, or
   * throws {@link ConcurrentAttemptException} when the ticks changed what the batch changed (docs/state-log.md).
   */
  Checkpoint commit(String shard, Checkpoint read, String last, List<Long> eventTimes, Map<String, Long> heard,
      BatchCounts counts, Function<Checkpoint, StateLogRefs> stateLog) {
    Checkpoint base = read;
    for (int attempt = 1; ; attempt++) {
      ShardTime before = FiringRounds.timeOf(base);
      ShardTime after = rounds.afterRecords(before, eventTimes).withUpstream(union(heard, before.upstream()));
      Checkpoint pinned = rounds.pin(base, shard, last, after);
      Checkpoint next = stateLog == null ? pinned : new Checkpoint(pinned.stage(), pinned.shardId(),
          pinned.position(), pinned.time(), pinned.revision(), pinned.failures(), stateLog.apply(base));
      if (!FiringRounds.pending(next)) {
        rounds.announce(shard, before, next.time());
      }
      try {
        checkpoints.commit(base, next, counts);
        return next;
      } catch (ConcurrentAttemptException conflict) {
        if (attempt == MAX_ATTEMPTS) {
          throw conflict;
        }
        checkpoints.forget();
        Checkpoint now = checkpoints.load(shard, counts);
        if (!samePosition(read, now)) {
          throw conflict;
        }
        base = settled(shard, now, counts);
        if (!samePosition(read, base)) {
          throw conflict;
        }
      }
    }
  }

  private static boolean samePosition(Checkpoint read, Checkpoint now) {
    return now != null && Objects.equals(now.position(), read == null ? null : read.position());
  }

  private static Map<String, Long> union(Map<String, Long> heard, Map<String, Long> committed) {
    Map<String, Long> all = new HashMap<>(committed);
    heard.forEach((producer, watermark) -> all.merge(producer, watermark, Math::max));
    return all;
  }
}
