package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import dev.runnel.checkpointing.checkpoint.ShardTime;
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
import dev.runnel.functions.time.ActivityHeartbeat;
import dev.runnel.functions.time.StageClock;
import dev.runnel.functions.time.WatermarkMarker;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.metering.StateStoreCounters;
import java.math.BigInteger;
import dev.runnel.functions.time.Watermarks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one batch of a stage exactly once (docs/exactly-once.md, "One batch, step by step"), and for a stage with time
 * also its firing rounds and ticks (docs/time.md). An instance serves one function environment: it handles one batch
 * or tick at a time and keeps the checkpoints and key states it committed.
 */
public final class ExactlyOnceStage {
  private final String stage;
  private final StageProcessor processor;
  private final AtLeastOnceCommit outputs;
  private final StateStore stateStore;
  private final StageStates states;
  private final CommitObserver observer;
  private final CommittedKeys keys;
  private final ShardCheckpoints checkpoints;
  private final FiringRounds rounds;
  private final RebaseOverTicks overTicks;

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
    this.stateStore = stateStore;
    this.states = states;
    this.observer = observer;
    this.keys = new CommittedKeys(stage, stateStore, new KeyStateCodec(states.bindings()));
    this.checkpoints = new ShardCheckpoints(stage, checkpoints, keys);
    this.rounds = time == null ? null
        : new FiringRounds(stage, time, processor, outputs, keys, this.checkpoints, states, observer);
    this.overTicks = rounds == null ? null : new RebaseOverTicks(rounds, this.checkpoints);
  }

  /**
   * Runs a batch of one shard to its checkpoint; in a stage with time, first completes a pending round, and after the
   * batch fires the round it pins.
   *
   * @throws ConcurrentAttemptException when another invocation committed first; Lambda retries the batch
   * @throws OutputsNotWrittenException when outputs could not all be written; Lambda retries the batch
   */
  public Outcome run(List<InputRecord> inputs) {
    if (inputs.isEmpty()) {
      return Outcome.NOTHING;
    }
    String shard = inputs.get(0).shardId();
    BatchCounts counts = new BatchCounts();
    Checkpoint checkpoint = checkpoints.load(shard, counts);
    StateStoreCounters stateBefore = stateStore == null ? StateStoreCounters.ZERO : stateStore.counters();
    try {
      if (rounds != null) {
        checkpoint = overTicks.settled(shard, checkpoint, counts);
      }
      String committed = checkpoint == null ? null : checkpoint.position();
      List<InputRecord> fresh = after(inputs, committed);
      long redelivered = inputs.size() - fresh.size();
      if (fresh.isEmpty()) {
        return new Outcome(null, redelivered, stateCost(stateBefore), counts.checkpointRequests, null, counts.fired);
      }
      observer.reached(CommitStep.STARTED, stage, shard);
      ShardTime before = FiringRounds.timeOf(checkpoint);
      try (ActivityHeartbeat.Beating active = rounds == null ? () -> { } : rounds.keepActive(shard, before)) {
        return runFresh(shard, checkpoint, fresh, redelivered, before, counts, stateBefore);
      }
    } catch (RuntimeException e) {
      checkpoints.forget();
      throw e;
    }
  }

  /** Runs the records not yet committed: the commit path after STARTED. */
  private Outcome runFresh(String shard, Checkpoint checkpoint, List<InputRecord> fresh,
      long redelivered, ShardTime before, BatchCounts counts, StateStoreCounters stateBefore) {
    String committed = checkpoint == null ? null : checkpoint.position();
    processor.clock().runAt(before.watermark(), StageClock.NONE);
    List<DecodedRecord> decoded = processor.decode(withoutMarkers(fresh));
    Map<String, KeyState> loaded = stateStore == null ? null : keys.load(keysOf(decoded));
    Map<String, Long> heard = new HashMap<>(before.upstream());
    Map<InputRecord, Long> judged = rounds == null ? null : judgingWatermarks(fresh, before, heard);
    ProcessedBatch batch = processor.run(decoded, new BatchContext(loaded, states.current(), true,
        committed == null ? "-" : committed, rounds == null ? StageClock.NONE : before.watermark(),
        judged == null ? null : input -> judged.getOrDefault(input, before.watermark())));
    observer.reached(CommitStep.PROCESSED, stage, shard);
    if (rounds != null && checkpoint == null) {
      rounds.introduce(shard);
    }
    CommitResult written = outputs.commit(batch);
    if (written.retryFromSequenceNumber().isPresent()) {
      throw new OutputsNotWrittenException("stage " + stage + " could not write every output of its batch on "
          + shard + " (from sequence number " + written.retryFromSequenceNumber().get()
          + "); the batch is retried whole, and nothing of it was applied to state");
    }
    if (rounds != null) {
      rounds.writeIndexEntries(shard);
    }
    observer.reached(CommitStep.OUTPUTS_WRITTEN, stage, shard);
    if (loaded != null) {
      keys.write(loaded, fresh.get(fresh.size() - 1).arrivalMillis(), shard);
    }
    observer.reached(CommitStep.STATE_WRITTEN, stage, shard);
    String last = fresh.get(fresh.size() - 1).sequenceNumber();
    if (rounds == null) {
      checkpoints.commitPosition(shard, checkpoint, last, counts);
      observer.reached(CommitStep.CHECKPOINT_COMMITTED, stage, shard);
    } else {
      Checkpoint next = overTicks.commit(shard, checkpoint, last,
          decoded.stream().filter(d -> !d.isFailed()).map(DecodedRecord::eventTime).toList(), heard, counts);
      observer.reached(CommitStep.CHECKPOINT_COMMITTED, stage, shard);
      if (FiringRounds.pending(next)) {
        observer.reached(CommitStep.ROUND_PINNED, stage, shard);
        rounds.complete(next, counts);
      }
    }
    return new Outcome(batch, redelivered, stateCost(stateBefore), counts.checkpointRequests, written,
        counts.fired);
  }

  /**
   * A tick: with no new records, advances the shard's watermark and processing time and fires what is due, as a
   * batch would (docs/time.md). A stage without time, or one reading a source, does nothing, and so does a shard
   * that committed a batch in the last two seconds: its batches move its time. Conflicts with a concurrent batch or
   * tick throw {@link ConcurrentAttemptException}; the next tick or batch finishes the work.
   */
  public Outcome tick(String shard) {
    if (rounds == null || rounds.readsSource()) {
      return Outcome.NOTHING;
    }
    BatchCounts counts = new BatchCounts();
    Checkpoint checkpoint = checkpoints.load(shard, counts);
    StateStoreCounters stateBefore = stateStore == null ? StateStoreCounters.ZERO : stateStore.counters();
    try {
      if (rounds.recentlyActive(FiringRounds.timeOf(checkpoint))) {
        // the batch that committed is probably still completing its round: leave the shard to it
        return new Outcome(null, 0, stateCost(stateBefore), counts.checkpointRequests, null, counts.fired);
      }
      if (FiringRounds.pending(checkpoint)) {
        checkpoint = rounds.complete(checkpoint, counts);
      }
      ShardTime before = FiringRounds.timeOf(checkpoint);
      Checkpoint next = rounds.pin(checkpoint, shard, checkpoint == null ? null : checkpoint.position(), before);
      if (!FiringRounds.timeOf(next).equals(before)) {
        if (!FiringRounds.pending(next)) {
          rounds.announce(shard, before, next.time());
        }
        checkpoints.commit(checkpoint, next, counts);
        if (FiringRounds.pending(next)) {
          observer.reached(CommitStep.ROUND_PINNED, stage, shard);
          rounds.complete(next, counts);
        }
      }
      return new Outcome(null, 0, stateCost(stateBefore), counts.checkpointRequests, null, counts.fired);
    } catch (RuntimeException e) {
      checkpoints.forget();
      throw e;
    }
  }

  /**
   * The watermark each record of the batch is judged late against: the committed one, raised by what the upstream
   * shards announced up to the record (markers, and the producer watermarks records carry), as far as every shard
   * heard from agrees (the minimum). The record's own producer is among them, so a record judged late is late at its
   * producer or at the committed watermark; a shard first seen without an announcement holds the minimum. It depends
   * only on the committed time and the shard's records, so every attempt, however the batch is split, judges a
   * record alike. It only decides lateness: windows fire in rounds, at pinned watermarks. Fills {@code heard} with
   * everything the batch announced.
   */
  private static Map<InputRecord, Long> judgingWatermarks(List<InputRecord> fresh, ShardTime before,
      Map<String, Long> heard) {
    Map<InputRecord, Long> judged = new IdentityHashMap<>();
    for (InputRecord record : fresh) {
      FiringRounds.hear(heard, record.partitionKey());
      judged.put(record, Math.max(before.watermark(), Watermarks.heardMinimum(heard)));
    }
    return judged;
  }

  /** The records that are not watermark markers: markers only move time (docs/time.md). */
  private static List<InputRecord> withoutMarkers(List<InputRecord> records) {
    List<InputRecord> data = new ArrayList<>(records.size());
    for (InputRecord record : records) {
      if (!WatermarkMarker.isMarker(record.partitionKey())) {
        data.add(record);
      }
    }
    return data;
  }

  private Set<StateKey> keysOf(List<DecodedRecord> decoded) {
    Set<StateKey> wanted = new LinkedHashSet<>();
    for (DecodedRecord record : decoded) {
      if (!record.isFailed()) {
        wanted.add(new StateKey(stage, record.key()));
      }
    }
    return wanted;
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

  private StateStoreCounters stateCost(StateStoreCounters before) {
    return stateStore == null ? StateStoreCounters.ZERO : stateStore.counters().minus(before);
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
