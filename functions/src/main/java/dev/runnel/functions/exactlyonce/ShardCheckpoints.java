package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.checkpoint.BatchFailures;
import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The checkpoints of one stage's shards, as this instance last committed them (steps 1 and 7 of
 * docs/exactly-once.md). Reading a checkpoint validates the warm key cache: if another instance committed since, the
 * cache is dropped.
 */
final class ShardCheckpoints {
  private final String stage;
  private final CheckpointStore store;
  private final CommittedKeys keys;
  private final Map<String, Long> committedRevision = new HashMap<>();

  ShardCheckpoints(String stage, CheckpointStore store, CommittedKeys keys) {
    this.stage = stage;
    this.store = store;
    this.keys = keys;
  }

  /** Reads the checkpoint of {@code shard} (null: none yet), dropping the key cache if it moved. */
  Checkpoint load(String shard, BatchCounts counts) {
    // Every attempt starts from the committed checkpoint and checkpoints only advance, so if it has not moved since
    // this instance committed it, the cached key states are the committed ones; if it moved, another instance
    // committed since, and the cache is dropped. A stale cache must never compute outputs: they are sent before the
    // state write that would notice it. The other shards' revisions stay known: an instance serving several shards
    // (a key reaches one open shard only) keeps its cache warm, and drops it once per shard it has not seen yet.
    Checkpoint checkpoint = store.load(stage, shard).orElse(null);
    counts.checkpointRequests++;
    Long revision = checkpoint == null ? null : checkpoint.revision();
    if (!committedRevision.containsKey(shard) || !Objects.equals(committedRevision.get(shard), revision)) {
      keys.clear();
      committedRevision.put(shard, revision);
    }
    return checkpoint;
  }

  /** Moves a stage without time from {@code read} to position {@code last}. */
  void commitPosition(String shard, Checkpoint read, String last, BatchCounts counts) {
    counts.checkpointRequests++;
    String committed = read == null ? null : read.position();
    if (!store.commit(stage, shard, committed, last)) {
      throw conflict(shard, committed);
    }
    committedRevision.put(shard, (read == null ? 0 : read.revision()) + 1);
  }

  /** Replaces {@code expected} by {@code next}, position and time together. */
  void commit(Checkpoint expected, Checkpoint next, BatchCounts counts) {
    counts.checkpointRequests++;
    if (!store.commit(expected, next)) {
      throw conflict(next.shardId(), expected == null ? null : expected.position());
    }
    committedRevision.put(next.shardId(), next.revision());
  }

  /**
   * Records what a failed attempt left ({@link BatchFailures}) in the checkpoint item, keeping its position and time.
   * Drops the key cache (the revision moves) and returns false, writing nothing, when another invocation committed
   * since {@code read}.
   */
  boolean recordFailures(String shard, Checkpoint read, BatchFailures failures, BatchCounts counts) {
    counts.checkpointRequests++;
    forget();
    return store.commit(read, Checkpoint.recordingFailures(read, stage, shard, failures));
  }

  /** Forgets what this instance committed and its key cache, so the next batch reads the truth. */
  void forget() {
    committedRevision.clear();
    keys.clear();
  }

  private ConcurrentAttemptException conflict(String shard, String committed) {
    return new ConcurrentAttemptException("stage " + stage + ": another invocation committed shard " + shard
        + " past " + committed + " first; the batch is retried");
  }
}
