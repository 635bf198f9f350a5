package dev.runnel.functions.exactlyonce;

import dev.runnel.functions.time.ActivityHeartbeat;
import dev.runnel.checkpointing.checkpoint.StateLogRefs;
import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.commit.AtLeastOnceCommit;
import dev.runnel.functions.commit.CommitResult;
import dev.runnel.functions.processing.BatchContext;
import dev.runnel.functions.processing.StageProcessor;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.StageStates;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.time.WatermarkMarker;
import dev.runnel.functions.time.Watermarks;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.timers.TimerEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The time side of a stage (docs/time.md, "Firing rounds"): pins a round in the checkpoint when the watermark or
 * processing time can advance, fires what is due at the pinned times from the keys the timer index names, completes
 * the round, and announces the shard's watermark to the stages downstream.
 */
final class FiringRounds {
  /** Processing-time timers fire at this granularity at most: a round is not pinned for less. */
  private static final long PROCESSING_TIME_STEP_MILLIS = 1_000;
  /** A source shard republishes its activity (for idleness) at most this often when its watermark stands still. */
  private static final long ACTIVITY_PUBLISH_MILLIS = 5_000;
  /** A tick leaves a shard alone that committed a batch this recently. */
  private static final long RECENT_BATCH_MILLIS = 2_000;

  private final String stage;
  private final StageTime time;
  private final StageProcessor processor;
  private final AtLeastOnceCommit outputs;
  private final CommittedKeys keys;
  private final ShardCheckpoints checkpoints;
  private final StageStates states;
  private final CommitObserver observer;
  private final KeyFiring firing;
  private final ActivityHeartbeat heartbeat;
  /** The shards' state logs of a stage in the log layout (docs/state-log.md), or null. */
  private final ShardStateLog log;

  FiringRounds(String stage, StageTime time, StageProcessor processor, AtLeastOnceCommit outputs, CommittedKeys keys,
      ShardCheckpoints checkpoints, StageStates states, CommitObserver observer, ShardStateLog log) {
    this.log = log;
    this.stage = stage;
    this.time = time;
    this.processor = processor;
    this.outputs = outputs;
    this.keys = keys;
    this.checkpoints = checkpoints;
    this.states = states;
    this.observer = observer;
    this.firing = new KeyFiring(processor, time.bound(), states.current());
    this.heartbeat = new ActivityHeartbeat(time.progress(), time.wallClock(), time.watermarks().idleAfterMillis());
  }

  /**
   * Keeps {@code shard}'s row active while a batch of this source stage runs (nothing for other stages: they tick and
   * are never idle); close the result when the batch is done.
   */
  ActivityHeartbeat.Beating keepActive(String shard, ShardTime committed) {
    return readsSource() ? heartbeat.start(stage, shard, committed.watermark()) : () -> { };
  }

  /** How this stage's watermarks advance, and how its records are judged late. */
  Watermarks watermarks() {
    return time.watermarks();
  }

  /** True for a stage that reads a source: it has no rounds and is never ticked. */
  boolean readsSource() {
    return time.watermarks().readsSource();
  }

  /** The time after a batch whose records had these event times. */
  ShardTime afterRecords(ShardTime before, List<Long> eventTimes) {
    return time.watermarks().afterRecords(before, eventTimes, time.wallClock().millis());
  }

  /** True when the shard committed a batch with records so recently that a tick would only race its batches. */
  boolean recentlyActive(ShardTime committed) {
    return committed.lastRecordMillis() != ShardTime.NONE
        && time.wallClock().millis() - committed.lastRecordMillis() < RECENT_BATCH_MILLIS;
  }

  /** True when {@code checkpoint} holds a round that is pinned but not complete. */
  static boolean pending(Checkpoint checkpoint) {
    return checkpoint != null && checkpoint.time() != null && checkpoint.time().hasPendingRound();
  }

  /** The time a checkpoint holds; {@link ShardTime#START} for none. */
  static ShardTime timeOf(Checkpoint checkpoint) {
    return checkpoint == null || checkpoint.time() == null ? ShardTime.START : checkpoint.time();
  }

  /**
   * The checkpoint to commit at {@code position} with time {@code after}: a stage that fires pins a round when its
   * watermark can advance (or, with timers, processing time has moved on); any other stage takes the new watermark
   * at once, since nothing of it fires.
   */
  Checkpoint pin(Checkpoint checkpoint, String shard, String position, ShardTime after) {
    long now = time.wallClock().millis();
    long watermark = readsSource() ? after.watermark()
        : time.watermarks().upstream(after.watermark(), now, after.upstream());
    ShardTime next;
    if (!time.fires()) {
      next = new ShardTime(watermark, after.processingTime(), ShardTime.NONE, ShardTime.NONE, after.maxEventTime(),
          after.lastRecordMillis(), after.upstream());
    } else {
      boolean watermarkMoves = watermark > after.watermark();
      boolean clockMoves = time.hasTimers() && (after.processingTime() == ShardTime.NONE
          || now >= after.processingTime() + PROCESSING_TIME_STEP_MILLIS);
      next = !watermarkMoves && !clockMoves ? after : new ShardTime(after.watermark(), after.processingTime(),
          watermark, time.hasTimers() ? Math.max(now, after.processingTime()) : ShardTime.NONE,
          after.maxEventTime(), after.lastRecordMillis(), after.upstream());
    }
    return checkpoint == null ? Checkpoint.first(stage, shard, position, next) : checkpoint.next(position, next);
  }

  /**
   * Fires the round pinned in {@code checkpoint}: every window and timer due at its watermark and processing time,
   * from the keys the timer index names, each key once (a key a failed attempt already fired is skipped), then marks
   * the round complete. Every attempt at the round computes the same outputs with the same identities.
   */
  Checkpoint complete(Checkpoint checkpoint, BatchCounts counts) {
    String shard = checkpoint.shardId();
    ShardTime pinned = checkpoint.time();
    long round = checkpoint.revision();
    long watermark = pinned.pendingWatermark() != ShardTime.NONE ? pinned.pendingWatermark() : pinned.watermark();
    long processingTime = pinned.pendingProcessingTime() != ShardTime.NONE ? pinned.pendingProcessingTime()
        : pinned.processingTime();
    ShardStateLog.Logged logged = null;
    if (log != null) {
      logged = fireLogged(checkpoint, round, watermark, processingTime, counts);
    } else if (time.index() != null) {
      List<TimerEntry> due = new ArrayList<>();
      if (watermark != ShardTime.NONE) {
        due.addAll(time.index().due(stage, shard, TimerEntry.Domain.EVENT_TIME, watermark));
      }
      if (time.hasTimers() && processingTime != ShardTime.NONE) {
        due.addAll(time.index().due(stage, shard, TimerEntry.Domain.PROCESSING_TIME, processingTime));
      }
      if (!due.isEmpty()) {
        fire(shard, checkpoint.position(), round, pinned.watermark(), watermark, processingTime, due, counts);
        time.index().remove(stage, shard, due);
      }
    }
    ShardTime completed = new ShardTime(watermark, processingTime, ShardTime.NONE, ShardTime.NONE,
        pinned.maxEventTime(), pinned.lastRecordMillis(), pinned.upstream());
    announce(shard, pinned, completed);
    Checkpoint next = logged == null ? checkpoint.next(checkpoint.position(), completed)
        : checkpoint.next(checkpoint.position(), completed, logged.refs());
    checkpoints.commit(checkpoint, next, counts);
    if (log != null) {
      log.committed(shard, next, logged == null ? null : logged.prepared());
    }
    observer.reached(CommitStep.ROUND_COMPLETED, stage, shard);
    return next;
  }

  /**
   * Fires the round pinned in {@code checkpoint} from the shard's state log (docs/state-log.md): the keys its timer
   * queue has due, fired from the committed state in memory; outputs first, then the round's log entry (the fired
   * keys, the queue entries consumed and registered), which the completing commit names. Null when nothing was due.
   */
  private ShardStateLog.Logged fireLogged(Checkpoint checkpoint, long round, long watermark, long processingTime,
      BatchCounts counts) {
    String shard = checkpoint.shardId();
    ShardState state = log.committed(shard, checkpoint);
    long timersThrough = time.hasTimers() ? processingTime : ShardTime.NONE;
    List<TimerEntry> due = state.due(watermark, timersThrough);
    if (due.isEmpty()) {
      return null;
    }
    Set<String> wanted = new TreeSet<>();
    due.forEach(entry -> wanted.add(entry.key()));
    Map<String, KeyState> loaded = state.working(wanted);
    BatchContext context = new BatchContext(loaded, states.current(), true, FiringIdentity.committedBefore(round),
        checkpoint.time().watermark());
    String tablePosition = FiringIdentity.tablePosition(shard, checkpoint.position(), round);
    long now = processingTime == ShardTime.NONE ? 0 : processingTime;
    processor.clock().runAt(watermark, processingTime);
    List<ProcessedRecord> records = new ArrayList<>();
    long skipped = 0;
    for (String key : wanted) {
      if (!state.has(key)) {
        skipped++; // a window or timer whose key has no state left: nothing to fire
        continue;
      }
      KeyState keyState = loaded.get(key);
      InputRecord input = new InputRecord(FiringIdentity.shard(shard), FiringIdentity.sequenceNumber(round, key),
          key, new byte[0], now);
      records.addAll(firing.fire(keyState, input, tablePosition, watermark, processingTime, context));
      keyState.fired(shard, round);
    }
    ProcessedBatch batch = new ProcessedBatch(records, 0, skipped);
    ShardStateLog.Prepared prepared = log.prepare(loaded, null, now, processor.clock().drainRegistered(),
        new ShardChanges.FiredThrough(watermark, timersThrough));
    CommitResult written = outputs.commit(batch);
    if (written.retryFromSequenceNumber().isPresent()) {
      throw new OutputsNotWrittenException("stage " + stage + " could not write every output of its firing round "
          + round + " on " + shard + "; the round is retried whole, and nothing of it was applied to state");
    }
    observer.reached(CommitStep.ROUND_OUTPUTS_WRITTEN, stage, shard);
    StateLogRefs refs = log.write(shard, checkpoint, prepared);
    observer.reached(CommitStep.ROUND_STATE_WRITTEN, stage, shard);
    batch.emittedPerOutput().forEach((output, n) -> counts.fired.merge(output, n, Long::sum));
    return new ShardStateLog.Logged(prepared, refs);
  }

  private void fire(String shard, String position, long round, long checkpointWatermark, long watermark,
      long processingTime, List<TimerEntry> due, BatchCounts counts) {
    Set<StateKey> wanted = new TreeSet<>(Comparator.comparing(StateKey::key));
    for (TimerEntry entry : due) {
      wanted.add(new StateKey(stage, entry.key()));
    }
    Map<String, KeyState> loaded = keys.load(wanted);
    BatchContext context = new BatchContext(loaded, states.current(), true, FiringIdentity.committedBefore(round),
        checkpointWatermark);
    String tablePosition = FiringIdentity.tablePosition(shard, position, round);
    long now = processingTime == ShardTime.NONE ? 0 : processingTime;
    processor.clock().runAt(watermark, processingTime);
    List<ProcessedRecord> records = new ArrayList<>();
    long skipped = 0;
    for (StateKey key : wanted) {
      KeyState state = loaded.get(key.key());
      if (state.loadedVersion() == null || state.alreadyFired(shard, round)) {
        skipped++;
        continue;
      }
      InputRecord input = new InputRecord(FiringIdentity.shard(shard), FiringIdentity.sequenceNumber(round, key.key()),
          key.key(), new byte[0], now);
      records.addAll(firing.fire(state, input, tablePosition, watermark, processingTime, context));
      state.fired(shard, round);
    }
    ProcessedBatch batch = new ProcessedBatch(records, 0, skipped);
    CommittedKeys.Prepared prepared = keys.prepare(loaded, now);
    CommitResult written = outputs.commit(batch);
    if (written.retryFromSequenceNumber().isPresent()) {
      throw new OutputsNotWrittenException("stage " + stage + " could not write every output of its firing round "
          + round + " on " + shard + "; the round is retried whole, and nothing of it was applied to state");
    }
    writeIndexEntries(shard);
    observer.reached(CommitStep.ROUND_OUTPUTS_WRITTEN, stage, shard);
    keys.write(prepared, shard);
    observer.reached(CommitStep.ROUND_STATE_WRITTEN, stage, shard);
    batch.emittedPerOutput().forEach((output, n) -> counts.fired.merge(output, n, Long::sum));
  }

  /**
   * Announces the shard's time before the commit that makes it the shard's (a retry announces again): a marker with
   * the new watermark on every shard of the streams the stage feeds, after everything it covers was written, and the
   * progress row. The row never lags the committed time, so a reader that has read up to the row's watermark has read
   * everything the shard sent (docs/time.md).
   */
  void announce(String shard, ShardTime committed, ShardTime next) {
    boolean moved = next.watermark() != ShardTime.NONE && next.watermark() > committed.watermark();
    if (moved && !time.markers().isEmpty()
        && !time.markers().announce(new WatermarkMarker(stage, shard, next.watermark()))) {
      throw new OutputsNotWrittenException("stage " + stage + " could not announce watermark " + next.watermark()
          + " of " + shard + " to the stages it feeds; the invocation is retried");
    }
    boolean active = readsSource() && next.lastRecordMillis() != ShardTime.NONE
        && (committed.lastRecordMillis() == ShardTime.NONE
            || next.lastRecordMillis() - committed.lastRecordMillis() >= ACTIVITY_PUBLISH_MILLIS);
    if (moved || active || committed.equals(ShardTime.START)) {
      time.progress().publish(new ShardProgress(stage, shard, next.watermark(), next.lastRecordMillis()));
    }
  }

  /**
   * Publishes the progress row of a shard that has none yet, before its first outputs: a reader that takes the
   * minimum over the rows then waits for this shard instead of running ahead of records it has not read yet.
   */
  void introduce(String shard) {
    time.progress().publish(new ShardProgress(stage, shard, ShardTime.NONE, ShardTime.NONE));
  }

  /**
   * Adds what the record with {@code partitionKey} announced in-band about its producer to {@code heard} (by
   * {@code stage|shardId}, firing outputs counted as their shard's), keeping the highest per producer: a marker's
   * watermark, or the producer watermark a record's identity carries. A record with no watermark still makes its
   * producer known, with NONE: it holds the minimum until it announces one. A record's producer watermark covers the
   * record itself: it was late at its producer if its event time is not after it.
   */
  static void hear(Map<String, Long> heard, String partitionKey) {
    WatermarkMarker.parse(partitionKey).ifPresent(m -> heard.merge(m.producer(), m.watermark(), Math::max));
    try {
      RecordIdentity.parse(partitionKey).ifPresent(id -> heard.merge(
          id.stage() + "|" + FiringIdentity.producerShard(id.shardId()),
          id.hasWatermark() ? id.watermark() : ShardTime.NONE, Math::max));
    } catch (IllegalArgumentException notAnIdentity) {
      // a malformed identity carries nothing in-band; the record itself goes to the dead letters
    }
  }

  /**
   * Writes the timer index entries the operators registered, before the state that holds their timers (a stage in
   * the log layout keeps them in its log entry instead: nothing to do).
   */
  void writeIndexEntries(String shard) {
    if (log != null) {
      return;
    }
    List<TimerEntry> registered = processor.clock().drainRegistered();
    if (!registered.isEmpty() && time.index() != null) {
      time.index().add(stage, shard, registered);
    }
  }


}
