package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.commit.AtLeastOnceCommit;
import dev.runnel.functions.commit.CommitResult;
import dev.runnel.functions.processing.BatchContext;
import dev.runnel.functions.processing.DecodedRecord;
import dev.runnel.functions.processing.StageProcessor;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.functions.state.StageStates;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.StateWrite;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.WriteOutcome;
import dev.runnel.statestore.metering.StateStoreCounters;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one batch of a stage exactly once (docs/exactly-once.md, "One batch, step by step"). An instance serves one
 * function environment: it handles one batch at a time and keeps the checkpoint and key states it committed.
 */
public final class ExactlyOnceStage {
  private static final int CACHED_KEYS = 50_000;

  private final String stage;
  private final StageProcessor processor;
  private final AtLeastOnceCommit outputs;
  private final CheckpointStore checkpoints;
  private final StateStore stateStore;
  private final StageStates states;
  private final KeyStateCodec codec;
  private final CommitObserver observer;
  private final Map<String, String> committedByShard = new HashMap<>();
  private final KeyStateCache cache = new KeyStateCache(CACHED_KEYS);

  /**
   * A stage runner.
   *
   * @param stage       the stage id
   * @param processor   decodes and runs the stage's operators
   * @param outputs     writes outputs and dead letters, resending failed entries
   * @param checkpoints the checkpoint table
   * @param stateStore  the state table, or null for a stage without keyed state
   * @param states      the stage's states (empty for a stage without keyed state)
   * @param observer    told at each commit step
   */
  public ExactlyOnceStage(String stage, StageProcessor processor, AtLeastOnceCommit outputs,
      CheckpointStore checkpoints, StateStore stateStore, StageStates states, CommitObserver observer) {
    this.stage = stage;
    this.processor = processor;
    this.outputs = outputs;
    this.checkpoints = checkpoints;
    this.stateStore = stateStore;
    this.states = states;
    this.codec = new KeyStateCodec(states.bindings());
    this.observer = observer;
  }

  /**
   * Runs a batch of one shard to its checkpoint.
   *
   * @throws ConcurrentAttemptException when another invocation committed first; Lambda retries the batch
   * @throws OutputsNotWrittenException when outputs could not all be written; Lambda retries the batch
   */
  public Outcome run(List<InputRecord> inputs) {
    if (inputs.isEmpty()) {
      return Outcome.NOTHING;
    }
    String shard = inputs.get(0).shardId();
    // Read the checkpoint on every batch: it validates the warm cache. Every attempt starts from the committed
    // checkpoint and checkpoints only advance, so if it has not moved since this instance committed it, the cached key
    // states are the committed ones; if it moved, another instance committed since, and the cache is dropped. A stale
    // cache must never compute outputs: they are sent before the state write that would notice it.
    String stored = checkpoints.load(stage, shard).map(Checkpoint::position).orElse(null);
    long checkpointRequests = 1;
    if (!committedByShard.containsKey(shard) || !java.util.Objects.equals(committedByShard.get(shard), stored)) {
      cache.clear();
      committedByShard.clear();
      committedByShard.put(shard, stored);
    }
    String committed = committedByShard.get(shard);
    List<InputRecord> fresh = after(inputs, committed);
    long redelivered = inputs.size() - fresh.size();
    if (fresh.isEmpty()) {
      return new Outcome(null, redelivered, StateStoreCounters.ZERO, checkpointRequests);
    }
    StateStoreCounters stateBefore = stateStore == null ? StateStoreCounters.ZERO : stateStore.counters();
    try {
      observer.reached(CommitStep.STARTED, stage, shard);
      List<DecodedRecord> decoded = processor.decode(fresh);
      Map<String, KeyState> keys = stateStore == null ? null : load(decoded);
      ProcessedBatch batch = processor.run(decoded, new BatchContext(keys, states.current(), true,
          committed == null ? "-" : committed));
      observer.reached(CommitStep.PROCESSED, stage, shard);
      CommitResult written = outputs.commit(batch);
      if (written.retryFromSequenceNumber().isPresent()) {
        throw new OutputsNotWrittenException("stage " + stage + " could not write every output of its batch on "
            + shard + " (from sequence number " + written.retryFromSequenceNumber().get()
            + "); the batch is retried whole, and nothing of it was applied to state");
      }
      observer.reached(CommitStep.OUTPUTS_WRITTEN, stage, shard);
      long nowMillis = fresh.get(fresh.size() - 1).arrivalMillis();
      if (keys != null) {
        writeState(keys, nowMillis, shard);
      }
      observer.reached(CommitStep.STATE_WRITTEN, stage, shard);
      String last = fresh.get(fresh.size() - 1).sequenceNumber();
      checkpointRequests++;
      if (!checkpoints.commit(stage, shard, committed, last)) {
        forget();
        throw new ConcurrentAttemptException("stage " + stage + ": another invocation committed shard " + shard
            + " past " + committed + " first; the batch is retried");
      }
      committedByShard.put(shard, last);
      observer.reached(CommitStep.CHECKPOINT_COMMITTED, stage, shard);
      StateStoreCounters stateCost = stateStore == null ? StateStoreCounters.ZERO
          : stateStore.counters().minus(stateBefore);
      return new Outcome(batch, redelivered, stateCost, checkpointRequests).with(written);
    } catch (RuntimeException e) {
      forget();
      throw e;
    }
  }

  /** The records after the committed position (all of them when there is none). */
  private static List<InputRecord> after(List<InputRecord> inputs, String committed) {
    if (committed == null) {
      return inputs;
    }
    BigInteger position = new BigInteger(committed);
    List<InputRecord> fresh = new ArrayList<>(inputs.size());
    for (InputRecord input : inputs) {
      if (new BigInteger(input.sequenceNumber()).compareTo(position) > 0) {
        fresh.add(input);
      }
    }
    return fresh;
  }

  /** The committed state of every key of the batch: from the cache, the rest with batched consistent reads. */
  private Map<String, KeyState> load(List<DecodedRecord> decoded) {
    Set<StateKey> wanted = new LinkedHashSet<>();
    for (DecodedRecord record : decoded) {
      if (!record.isFailed()) {
        wanted.add(new StateKey(stage, record.key()));
      }
    }
    List<StateKey> missing = wanted.stream().filter(k -> !cache.contains(k)).toList();
    if (!missing.isEmpty()) {
      Map<StateKey, StoredState> loaded = stateStore.load(missing);
      for (StateKey key : missing) {
        cache.put(key, loaded.get(key));
      }
    }
    Map<String, KeyState> keys = new HashMap<>();
    for (StateKey key : wanted) {
      StoredState stored = cache.get(key);
      keys.put(key.key(), stored == null ? KeyState.empty(key.key())
          : codec.decode(key.key(), stored.version(), stored.value()));
    }
    return keys;
  }

  /** One conditional write per changed key; a conflict means another invocation got there first. */
  private void writeState(Map<String, KeyState> keys, long nowMillis, String shard) {
    List<StateWrite> writes = new ArrayList<>();
    for (KeyState key : keys.values()) {
      if (key.changed()) {
        writes.add(new StateWrite(new StateKey(stage, key.key()), key.loadedVersion(),
            key.appliedThrough().version(), codec.encode(key, nowMillis), codec.expiresAtEpochSeconds(key, nowMillis)));
      }
    }
    if (writes.isEmpty()) {
      return;
    }
    WriteOutcome outcome = stateStore.write(writes);
    if (outcome.hasConflicts()) {
      forget();
      throw new ConcurrentAttemptException("stage " + stage + " on " + shard + ": another invocation wrote "
          + outcome.conflicts().size() + " of the batch's keys first (e.g. '" + outcome.conflicts().iterator().next().key()
          + "'); the batch is retried and skips what was applied");
    }
    for (StateWrite write : writes) {
      cache.put(write.key(), new StoredState(write.key(), write.newVersion(), write.value(),
          write.expiresAtEpochSeconds()));
    }
  }

  /** Drops everything cached, so the next batch reads the truth. */
  private void forget() {
    committedByShard.clear();
    cache.clear();
  }

  /**
   * What one batch did.
   *
   * @param batch              the processed batch, or null when every record was a redelivery
   * @param redelivered        records dropped because the checkpoint already covered them
   * @param stateCost          the state table requests and units of this batch
   * @param checkpointRequests checkpoint reads and commits
   * @param written            what writing the outputs cost, or null
   */
  public record Outcome(ProcessedBatch batch, long redelivered, StateStoreCounters stateCost, long checkpointRequests,
      CommitResult written) {
    static final Outcome NOTHING = new Outcome(null, 0, StateStoreCounters.ZERO, 0, null);

    Outcome(ProcessedBatch batch, long redelivered, StateStoreCounters stateCost, long checkpointRequests) {
      this(batch, redelivered, stateCost, checkpointRequests, null);
    }

    Outcome with(CommitResult result) {
      return new Outcome(batch, redelivered, stateCost, checkpointRequests, result);
    }
  }
}
