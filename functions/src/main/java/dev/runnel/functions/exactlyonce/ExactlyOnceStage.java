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
import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.time.StageClock;
import dev.runnel.statestore.timers.TimerEntry;
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
  /** Processing-time timers fire at this granularity at most: a round is not pinned for less. */
  private static final long PROCESSING_TIME_STEP_MILLIS = 1_000;
  /** A source shard republishes its activity (for idleness) at most this often when its watermark stands still. */
  private static final long ACTIVITY_PUBLISH_MILLIS = 5_000;

  private final String stage;
  private final StageProcessor processor;
  private final AtLeastOnceCommit outputs;
  private final CheckpointStore checkpoints;
  private final StateStore stateStore;
  private final StageStates states;
  private final KeyStateCodec codec;
  private final CommitObserver observer;
  private final StageTime time;
  private final KeyFiring firing;
  private final Map<String, Long> committedByShard = new HashMap<>();
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
    this(stage, processor, outputs, checkpoints, stateStore, states, observer, null);
  }

  /**
   * A stage runner for a job with event time or timers ({@code time} non-null): it also commits the shard's
   * watermark with its checkpoint, fires windows and timers in rounds, and publishes its progress.
   */
  public ExactlyOnceStage(String stage, StageProcessor processor, AtLeastOnceCommit outputs,
      CheckpointStore checkpoints, StateStore stateStore, StageStates states, CommitObserver observer,
      StageTime time) {
    this.stage = stage;
    this.processor = processor;
    this.outputs = outputs;
    this.checkpoints = checkpoints;
    this.stateStore = stateStore;
    this.states = states;
    this.codec = new KeyStateCodec(states.bindings());
    this.observer = observer;
    this.time = time;
    this.firing = time == null ? null : new KeyFiring(processor, time.bound(), states.current());
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
    Counting count = new Counting();
    Checkpoint checkpoint = loadCheckpoint(shard, count);
    StateStoreCounters stateBefore = stateStore == null ? StateStoreCounters.ZERO : stateStore.counters();
    try {
      if (pending(checkpoint)) {
        checkpoint = completeRound(checkpoint, count);
      }
      String committed = checkpoint == null ? null : checkpoint.position();
      List<InputRecord> fresh = after(inputs, committed);
      long redelivered = inputs.size() - fresh.size();
      if (fresh.isEmpty()) {
        return new Outcome(null, redelivered, stateCost(stateBefore), count.checkpointRequests, null, count.fired);
      }
      observer.reached(CommitStep.STARTED, stage, shard);
      ShardTime before = shardTime(checkpoint);
      processor.clock().runAt(before.watermark(), StageClock.NONE);
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
      writeIndexEntries(shard);
      observer.reached(CommitStep.OUTPUTS_WRITTEN, stage, shard);
      long nowMillis = fresh.get(fresh.size() - 1).arrivalMillis();
      if (keys != null) {
        writeState(keys, nowMillis, shard);
      }
      observer.reached(CommitStep.STATE_WRITTEN, stage, shard);
      String last = fresh.get(fresh.size() - 1).sequenceNumber();
      if (time == null) {
        count.checkpointRequests++;
        if (!checkpoints.commit(stage, shard, committed, last)) {
          throw conflict(shard, committed);
        }
        committedByShard.put(shard, (checkpoint == null ? 0 : checkpoint.revision()) + 1);
      } else {
        ShardTime after = time.watermarks().afterRecords(before,
            decoded.stream().filter(d -> !d.isFailed()).map(DecodedRecord::eventTime).toList(),
            time.wallClock().millis());
        Checkpoint next = pinRound(checkpoint, shard, last, after);
        commitTime(checkpoint, next, count);
        checkpoint = next;
      }
      observer.reached(CommitStep.CHECKPOINT_COMMITTED, stage, shard);
      if (pending(checkpoint)) {
        observer.reached(CommitStep.ROUND_PINNED, stage, shard);
        checkpoint = completeRound(checkpoint, count);
      }
      publish(checkpoint, before);
      return new Outcome(batch, redelivered, stateCost(stateBefore), count.checkpointRequests, written, count.fired);
    } catch (RuntimeException e) {
      forget();
      throw e;
    }
  }

  /**
   * A tick: with no new records, advances the shard's watermark and processing time and fires what is due, as a
   * batch would (docs/time.md). A stage without time does nothing. Conflicts with a concurrent batch or tick throw
   * {@link ConcurrentAttemptException}; the next tick or batch finishes the work.
   */
  public Outcome tick(String shard) {
    if (time == null || time.watermarks().readsSource()) {
      return Outcome.NOTHING;
    }
    Counting count = new Counting();
    Checkpoint checkpoint = loadCheckpoint(shard, count);
    StateStoreCounters stateBefore = stateStore == null ? StateStoreCounters.ZERO : stateStore.counters();
    try {
      if (pending(checkpoint)) {
        checkpoint = completeRound(checkpoint, count);
      }
      ShardTime before = shardTime(checkpoint);
      Checkpoint next = pinRound(checkpoint, shard, checkpoint == null ? null : checkpoint.position(), before);
      if (next != null && !shardTime(next).equals(before)) {
        commitTime(checkpoint, next, count);
        checkpoint = next;
        if (pending(checkpoint)) {
          observer.reached(CommitStep.ROUND_PINNED, stage, shard);
          checkpoint = completeRound(checkpoint, count);
        }
        publish(checkpoint, before);
      }
      return new Outcome(null, 0, stateCost(stateBefore), count.checkpointRequests, null, count.fired);
    } catch (RuntimeException e) {
      forget();
      throw e;
    }
  }

  /** Reads the checkpoint, dropping the cache when another instance committed since this one last did. */
  private Checkpoint loadCheckpoint(String shard, Counting count) {
    // Read the checkpoint on every batch: it validates the warm cache. Every attempt starts from the committed
    // checkpoint and checkpoints only advance, so if it has not moved since this instance committed it, the cached key
    // states are the committed ones; if it moved, another instance committed since, and the cache is dropped. A stale
    // cache must never compute outputs: they are sent before the state write that would notice it.
    Checkpoint checkpoint = checkpoints.load(stage, shard).orElse(null);
    count.checkpointRequests++;
    Long revision = checkpoint == null ? null : checkpoint.revision();
    if (!committedByShard.containsKey(shard) || !java.util.Objects.equals(committedByShard.get(shard), revision)) {
      cache.clear();
      committedByShard.clear();
      committedByShard.put(shard, revision);
    }
    return checkpoint;
  }

  private static ShardTime shardTime(Checkpoint checkpoint) {
    return checkpoint == null || checkpoint.time() == null ? ShardTime.START : checkpoint.time();
  }

  private boolean pending(Checkpoint checkpoint) {
    return time != null && checkpoint != null && checkpoint.time() != null && checkpoint.time().hasPendingRound();
  }

  /**
   * The checkpoint to commit at {@code position} with time {@code after}: a stage that fires pins a round when its
   * watermark can advance (or, with timers, processing time has moved on); any other stage takes the new watermark
   * at once, since nothing of it fires.
   */
  private Checkpoint pinRound(Checkpoint checkpoint, String shard, String position, ShardTime after) {
    long now = time.wallClock().millis();
    long watermark = time.watermarks().readsSource() ? after.watermark()
        : time.watermarks().upstream(after.watermark(), now);
    ShardTime next;
    if (!time.fires()) {
      next = new ShardTime(watermark, after.processingTime(), ShardTime.NONE, ShardTime.NONE, after.maxEventTime(),
          after.lastRecordMillis());
    } else {
      boolean watermarkMoves = watermark > after.watermark();
      boolean clockMoves = time.hasTimers() && (after.processingTime() == ShardTime.NONE
          || now >= after.processingTime() + PROCESSING_TIME_STEP_MILLIS);
      next = !watermarkMoves && !clockMoves ? after : new ShardTime(after.watermark(), after.processingTime(),
          watermark, time.hasTimers() ? Math.max(now, after.processingTime()) : ShardTime.NONE,
          after.maxEventTime(), after.lastRecordMillis());
    }
    return checkpoint == null ? Checkpoint.first(stage, shard, position, next) : checkpoint.next(position, next);
  }

  private void commitTime(Checkpoint expected, Checkpoint next, Counting count) {
    count.checkpointRequests++;
    if (!checkpoints.commit(expected, next)) {
      throw conflict(next.shardId(), expected == null ? null : expected.position());
    }
    committedByShard.put(next.shardId(), next.revision());
  }

  /**
   * Fires the round pinned in {@code checkpoint}: every window and timer due at its watermark and processing time,
   * from the keys the timer index names, each key once (a key a failed attempt already fired is skipped), then marks
   * the round complete. Every attempt at the round computes the same outputs with the same identities.
   */
  private Checkpoint completeRound(Checkpoint checkpoint, Counting count) {
    String shard = checkpoint.shardId();
    ShardTime pinned = checkpoint.time();
    long round = checkpoint.revision();
    long watermark = pinned.pendingWatermark() != ShardTime.NONE ? pinned.pendingWatermark() : pinned.watermark();
    long processingTime = pinned.pendingProcessingTime() != ShardTime.NONE ? pinned.pendingProcessingTime()
        : pinned.processingTime();
    if (time.index() != null && stateStore != null) {
      List<TimerEntry> due = new ArrayList<>();
      if (watermark != ShardTime.NONE) {
        due.addAll(time.index().due(stage, shard, TimerEntry.Domain.EVENT_TIME, watermark));
      }
      if (time.hasTimers() && processingTime != ShardTime.NONE) {
        due.addAll(time.index().due(stage, shard, TimerEntry.Domain.PROCESSING_TIME, processingTime));
      }
      if (!due.isEmpty()) {
        fire(shard, checkpoint.position(), round, watermark, processingTime, due, count);
        time.index().remove(stage, shard, due);
      }
    }
    ShardTime completed = new ShardTime(watermark, processingTime, ShardTime.NONE, ShardTime.NONE,
        pinned.maxEventTime(), pinned.lastRecordMillis());
    Checkpoint next = checkpoint.next(checkpoint.position(), completed);
    commitTime(checkpoint, next, count);
    observer.reached(CommitStep.ROUND_COMPLETED, stage, shard);
    return next;
  }

  private void fire(String shard, String position, long round, long watermark, long processingTime,
      List<TimerEntry> due, Counting count) {
    Set<StateKey> wanted = new java.util.TreeSet<>(java.util.Comparator.comparing(StateKey::key));
    for (TimerEntry entry : due) {
      wanted.add(new StateKey(stage, entry.key()));
    }
    Map<String, KeyState> keys = loadKeys(wanted);
    BatchContext context = new BatchContext(keys, states.current(), true, FiringIdentity.committedBefore(round));
    String tablePosition = FiringIdentity.tablePosition(shard, position, round);
    processor.clock().runAt(watermark, processingTime);
    List<ProcessedRecord> records = new ArrayList<>();
    long skipped = 0;
    for (StateKey key : wanted) {
      KeyState state = keys.get(key.key());
      if (state.loadedVersion() == null || state.alreadyFired(shard, round)) {
        skipped++;
        continue;
      }
      InputRecord input = new InputRecord(FiringIdentity.shard(shard), FiringIdentity.sequenceNumber(round, key.key()),
          key.key(), new byte[0], processingTime == ShardTime.NONE ? 0 : processingTime);
      records.addAll(firing.fire(state, input, tablePosition, watermark, processingTime, context));
      state.fired(shard, round);
    }
    ProcessedBatch batch = new ProcessedBatch(records, 0, skipped);
    CommitResult written = outputs.commit(batch);
    if (written.retryFromSequenceNumber().isPresent()) {
      throw new OutputsNotWrittenException("stage " + stage + " could not write every output of its firing round "
          + round + " on " + shard + "; the round is retried whole, and nothing of it was applied to state");
    }
    writeIndexEntries(shard);
    observer.reached(CommitStep.ROUND_OUTPUTS_WRITTEN, stage, shard);
    writeState(keys, processingTime == ShardTime.NONE ? 0 : processingTime, shard);
    observer.reached(CommitStep.ROUND_STATE_WRITTEN, stage, shard);
    batch.emittedPerOutput().forEach((output, n) -> count.fired.merge(output, n, Long::sum));
  }

  /** Writes the timer index entries the operators registered, before the state that holds their timers. */
  private void writeIndexEntries(String shard) {
    List<TimerEntry> registered = processor.clock().drainRegistered();
    if (!registered.isEmpty() && time != null && time.index() != null) {
      time.index().add(stage, shard, registered);
    }
  }

  /** Publishes the shard's watermark for the stages downstream, when it moved (or a source shard's activity did). */
  private void publish(Checkpoint checkpoint, ShardTime before) {
    if (time == null || checkpoint == null || checkpoint.time() == null) {
      return;
    }
    ShardTime now = checkpoint.time();
    boolean moved = now.watermark() != before.watermark();
    boolean active = time.watermarks().readsSource() && now.lastRecordMillis() != ShardTime.NONE
        && (before.lastRecordMillis() == ShardTime.NONE
            || now.lastRecordMillis() - before.lastRecordMillis() >= ACTIVITY_PUBLISH_MILLIS);
    if (moved || active || before.equals(ShardTime.START)) {
      time.progress().publish(new ShardProgress(stage, checkpoint.shardId(), now.watermark(),
          now.lastRecordMillis()));
    }
  }

  private ConcurrentAttemptException conflict(String shard, String committed) {
    forget();
    return new ConcurrentAttemptException("stage " + stage + ": another invocation committed shard " + shard
        + " past " + committed + " first; the batch is retried");
  }

  private StateStoreCounters stateCost(StateStoreCounters before) {
    return stateStore == null ? StateStoreCounters.ZERO : stateStore.counters().minus(before);
  }

  /** Requests and firings of one batch or tick. */
  private static final class Counting {
    long checkpointRequests;
    final Map<String, Long> fired = new java.util.TreeMap<>();
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
    return loadKeys(wanted);
  }

  /** The committed state of {@code wanted}: from the cache, the rest with batched consistent reads. */
  private Map<String, KeyState> loadKeys(Set<StateKey> wanted) {
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
            key.version(), codec.encode(key, nowMillis), codec.expiresAtEpochSeconds(key, nowMillis)));
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
      CommitResult written, Map<String, Long> fired) {
    static final Outcome NOTHING = new Outcome(null, 0, StateStoreCounters.ZERO, 0, null, Map.of());

    public Outcome {
      fired = Map.copyOf(fired);
    }
  }
}
