package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.CheckpointStore;
import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.checkpointing.identity.SequenceNumberOrder;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.commit.AtLeastOnceCommit;
import dev.runnel.functions.commit.CommitResult;
import dev.runnel.functions.processing.BatchContext;
import dev.runnel.functions.processing.DecodedRecord;
import dev.runnel.functions.processing.StageProcessor;
import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.functions.state.StageStates;
import dev.runnel.functions.time.ActivityHeartbeat;
import dev.runnel.functions.time.StageClock;
import dev.runnel.functions.time.MarkerFilter;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.statelog.StateLogCounters;
import dev.runnel.statestore.statelog.StateLogStore;
import dev.runnel.checkpointing.checkpoint.StateLogRefs;
import dev.runnel.functions.state.ShardIdentities;
import dev.runnel.statestore.metering.StateStoreCounters;
import dev.runnel.functions.time.Watermarks;
import dev.runnel.checkpointing.checkpoint.BatchFailures;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.poison.AttemptWatch;
import dev.runnel.functions.poison.BatchNarrowing;
import dev.runnel.functions.poison.FailureClass;
import dev.runnel.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import dev.runnel.functions.logging.InvocationLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import dev.runnel.functions.deadletter.StepFailure;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs one batch of a stage exactly once (docs/exactly-once.md, "One batch, step by step"), and for a stage with time
 * also its firing rounds and ticks (docs/time.md). An instance serves one function environment: it handles one batch
 * or tick at a time and keeps the checkpoints and key states it committed.
 */
public final class ExactlyOnceStage {
  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceStage.class);

  private final String stage;
  private final StageProcessor processor;
  private final AtLeastOnceCommit outputs;
  private final StateStore stateStore;
  private final StageStates states;
  private final CommitObserver observer;
  private final CommittedKeys keys;
  private final ShardCheckpoints checkpoints;
  private final FiringRounds rounds;
  private final CheckpointStore checkpointStore;
  private final int maxRecordAttempts;
  private final AttemptWatch watch = new AttemptWatch();
  private volatile long deadlineMillis;
  private final ProducerCopies copies;
  private final RebaseOverTicks overTicks;
  private final boolean lanes;
  private final MarkerFilter markers;
  /** For a stage whose keyed state is a state log (docs/state-log.md); null in the per-key layout. */
  private final ShardStateLog log;
  private final KeyStateCodec codec;
  private final StateLogStore stateLog;
  private final ShardLineage lineage;

  /**
   * A stage runner.
   *
   * @param stage             the stage id
   * @param processor         decodes and runs the stage's operators
   * @param outputs           writes outputs and dead letters, resending failed entries
   * @param checkpoints       the checkpoint table
   * @param stateStore        the state table, or null for a stage without keyed state
   * @param states            the stage's states (empty for a stage without keyed state)
   * @param observer          told at each commit step
   * @param time              for a job with event time or timers, what the stage needs to commit the shard's
   *                          watermark with its checkpoint, fire windows and timers in rounds and publish its progress;
   *                          null otherwise
   * @param copies            for a stage reading a source with {@code @Source(idField)}, drops producer copies;
   *                          {@link ProducerCopies#NONE} otherwise
   * @param maxRecordAttempts how often a batch may fail for an unknown reason before it is narrowed to the record that
   *                          fails alone, which then goes to the dead letters (docs/exactly-once.md)
   * @param lanes             true for a stage that Lambda runs with a ParallelizationFactor above 1: concurrent
   *                          batches of a shard, order kept per partition key only (docs/exactly-once.md, "Parallel
   *                          lanes"). It then commits no position (records are skipped by their keys' versions),
   *                          keeps no warm key cache, and keeps the failures of its lane batches by their first
   *                          record. Such a stage has no time (the planner refuses it).
   * @param wallClock         processing time, the clock the state store judges expiry by: a key item lives at least
   *                          a day from now by it, however old the records that changed it
   * @param markers           which input records are watermark markers, which only move time (docs/time.md)
   */
  public ExactlyOnceStage(String stage, StageProcessor processor, AtLeastOnceCommit outputs,
      CheckpointStore checkpoints, StateStore stateStore, StageStates states, CommitObserver observer,
      StageTime time, ProducerCopies copies, int maxRecordAttempts, boolean lanes, Clock wallClock,
      MarkerFilter markers) {
    this(stage, processor, outputs, checkpoints, stateStore, null, states, observer, time, copies, maxRecordAttempts,
        lanes, wallClock, markers);
  }

  /**
   * A stage runner as above whose keyed state is, when {@code stateLog} is not null, a state log per shard in it
   * (docs/state-log.md) instead of per-key items in {@code stateStore} (then null).
   */
  public ExactlyOnceStage(String stage, StageProcessor processor, AtLeastOnceCommit outputs,
      CheckpointStore checkpoints, StateStore stateStore, StateLogStore stateLog, StageStates states,
      CommitObserver observer, StageTime time, ProducerCopies copies, int maxRecordAttempts, boolean lanes,
      Clock wallClock, MarkerFilter markers) {
    this(stage, processor, outputs, checkpoints, stateStore, stateLog, ShardLineage.NONE, states, observer, time,
        copies, maxRecordAttempts, lanes, wallClock, markers);
  }

  /**
   * As above, with the lineage of the input stream's shards: a child shard of a stage in the state log layout adopts
   * its parents' keys in its hash range (docs/state-log.md, "Resharding").
   */
  public ExactlyOnceStage(String stage, StageProcessor processor, AtLeastOnceCommit outputs,
      CheckpointStore checkpoints, StateStore stateStore, StateLogStore stateLog, ShardLineage lineage,
      StageStates states, CommitObserver observer, StageTime time, ProducerCopies copies, int maxRecordAttempts,
      boolean lanes, Clock wallClock, MarkerFilter markers) {
    this.lineage = lineage == null ? ShardLineage.NONE : lineage;
    if (stateLog != null && (lanes || stateStore != null)) {
      throw new IllegalArgumentException("stage " + stage + " keeps its state in a state log, which a stage in "
          + "parallel lanes cannot, and then has no per-key state table: plan the job again");
    }
    if (lanes && (time != null || copies != ProducerCopies.NONE)) {
      throw new IllegalArgumentException("stage " + stage + " runs parallel lanes, which a stage with time or with "
          + "a source id field cannot: plan the job again");
    }
    this.lanes = lanes;
    this.markers = markers;
    if (maxRecordAttempts < 1) {
      throw new IllegalArgumentException("maxRecordAttempts must be at least 1, not " + maxRecordAttempts);
    }
    this.maxRecordAttempts = maxRecordAttempts;
    this.checkpointStore = checkpoints;
    this.copies = copies;
    this.stage = stage;
    this.processor = processor;
    this.outputs = outputs;
    this.stateStore = stateStore;
    this.states = states;
    this.observer = observer;
    KeyStateCodec codec = new KeyStateCodec(states.bindings());
    this.codec = codec;
    this.keys = new CommittedKeys(stage, stateStore, codec, wallClock);
    this.log = stateLog == null ? null : new ShardStateLog(stage, stateLog, codec);
    this.stateLog = stateLog;
    this.checkpoints = new ShardCheckpoints(stage, checkpoints, keys);
    this.rounds = time == null ? null
        : new FiringRounds(stage, time, processor, outputs, keys, this.checkpoints, states, observer, log);
    this.overTicks = rounds == null ? null : new RebaseOverTicks(rounds, this.checkpoints);
  }

  /**
   * The committed state of {@code key} on {@code shard}, as the next batch there would read it, in either layout;
   * empty when the key has none there. For tests and tools reading state (the test driver); not on the commit path.
   */
  public Optional<CommittedKeyState> committedKey(String shard, String key) {
    if (log != null) {
      Checkpoint checkpoint = checkpointStore.load(stage, shard).orElse(null);
      return log.committed(shard, checkpoint).keys().stream().filter(k -> k.key().equals(key)).findFirst();
    }
    if (stateStore == null) {
      return Optional.empty();
    }
    StateKey stateKey = new StateKey(stage, key);
    StoredState stored = stateStore.load(List.of(stateKey)).get(stateKey);
    return stored == null ? Optional.empty()
        : Optional.of(codec.decodeCommitted(key, stored.version(), stored.value()));
  }

  /**
   * The time by which the current invocation ends (epoch millis; 0 for none). Shortly before it, a watchdog records
   * the records being tried as failing in the shard's checkpoint item, so that a record that hangs the function is
   * narrowed and dead-lettered like one that throws.
   */
  public void deadline(long epochMillis) {
    this.deadlineMillis = epochMillis;
  }

  /**
   * Runs a batch of one shard to its checkpoint; in a stage with time, first completes a pending round, and after the
   * batch fires the round it pins. A batch that fails for a reason retrying cannot fix, or that keeps failing for an
   * unknown one, is narrowed to the records that fail alone, which go to the dead letters (docs/exactly-once.md,
   * "Poison records").
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
    StateStoreCounters stateAtStart = stateCounters();
    Checkpoint checkpoint = load(shard, counts);
    List<InputRecord> fresh = after(inputs, checkpoint == null ? null : checkpoint.position());
    int at = dueSuspect(checkpoint, fresh);
    try (AttemptWatch.Watching watching = watch.start(deadlineMillis, () -> recordTimeout(shard))) {
      if (at >= 0) {
        BatchFailures.Suspect suspect = suspectAt(checkpoint, fresh.get(at));
        // a batch shorter than the failing span (Lambda bisected it) may not hold the failing record: nothing of it
        // is known to fail, so it is narrowed as parts to try, not as a failing span
        List<InputRecord> from = fresh.subList(at, fresh.size());
        List<InputRecord> span = from.size() < suspect.records() ? List.of() : from.subList(0, suspect.records());
        // lanes: the records before the span first (as parts to try), so every key keeps its order
        Outcome before = at == 0 ? spent(counts, stateAtStart)
            : narrow(shard, List.of(), null, fresh.subList(0, at), spent(counts, stateAtStart));
        return laneDone(shard, inputs, true, narrow(shard, span, new SuspectedFailure(suspect),
            from.subList(span.size(), from.size()), before));
      }
      watch.trying(inputs, false);
      try {
        return laneDone(shard, inputs, hasLaneEntries(checkpoint), attempt(inputs, checkpoint, counts));
      } catch (RuntimeException | Error e) {
        switch (FailureClass.of(e)) {
          case RETRYABLE -> throw e;
          case PERMANENT -> {
            LOG.warn("stage {} on {}: the batch failed for a reason retrying cannot fix; narrowing it: {}", stage,
                shard, FailureClass.describe(e));
            return laneDone(shard, inputs, true, narrow(shard, fresh, e, List.of(), spent(counts, stateAtStart)));
          }
          default -> {
            recordAttempt(shard, inputs, e, false);
            throw e;
          }
        }
      }
    }
  }

  /** Runs {@code inputs} once, from the checkpoint as it is now. */
  private Outcome attempt(List<InputRecord> inputs, BatchCounts counts) {
    return attempt(inputs, load(inputs.get(0).shardId(), counts), counts);
  }

  /**
   * Reads the checkpoint of {@code shard} (null: none yet). With lanes the key cache is dropped every time: a key may
   * have been served by another lane's instance since (Lambda's key-to-lane assignment is not promised to last), and
   * a stale cache must never compute outputs.
   */
  private Checkpoint load(String shard, BatchCounts counts) {
    Checkpoint checkpoint = checkpoints.load(shard, counts);
    if (lanes) {
      checkpoints.forget();
    }
    return checkpoint;
  }

  /**
   * Where the span that keeps failing starts in {@code fresh}, when it is due for narrowing (it failed
   * {@code maxRecordAttempts} times, or was being narrowed); -1 when none is. One batch at a time, the span is the
   * shard's suspect and starts the batch; with lanes, it is the last due span recorded from a record of the batch.
   */
  private int dueSuspect(Checkpoint checkpoint, List<InputRecord> fresh) {
    if (fresh.isEmpty() || checkpoint == null) {
      return -1;
    }
    // with lanes, the last due span: a span found by narrowing starts after the records the narrowing got through,
    // and the span of the whole lane batch it narrowed stays recorded until the batch succeeds
    for (int i = lanes ? fresh.size() - 1 : 0; i >= 0; i--) {
      BatchFailures.Suspect suspect = suspectAt(checkpoint, fresh.get(i));
      if (suspect != null && (suspect.narrowing() || suspect.attempts() >= maxRecordAttempts)) {
        return i;
      }
    }
    return -1;
  }

  /** The failing span recorded as starting at {@code record}, or null. */
  private BatchFailures.Suspect suspectAt(Checkpoint checkpoint, InputRecord record) {
    BatchFailures failures = checkpoint.failures();
    if (lanes) {
      return failures.laneSuspect(record.sequenceNumber()).orElse(null);
    }
    return failures.suspect() != null && failures.suspect().from().equals(record.sequenceNumber())
        ? failures.suspect() : null;
  }

  /** True when a stage with lanes read failures in its checkpoint item that may concern its batch. */
  private boolean hasLaneEntries(Checkpoint checkpoint) {
    return lanes && checkpoint != null
        && (!checkpoint.failures().laneSuspects().isEmpty() || !checkpoint.failures().poisoned().isEmpty());
  }

  /**
   * With lanes, after a batch succeeded ({@code done}): every record of it is applied or dead-lettered and its key's
   * version covers it, so the failing spans it started and the judgements of its records are dropped from the
   * checkpoint item (nothing to do unless {@code touched}: the item held failures, or the batch was narrowed). Best
   * effort: an entry left behind costs a redelivery of its record a needless narrowing, nothing more.
   */
  private Outcome laneDone(String shard, List<InputRecord> inputs, boolean touched, Outcome done) {
    if (!lanes || !touched) {
      return done;
    }
    Set<String> positions = new HashSet<>();
    inputs.forEach(input -> positions.add(input.sequenceNumber()));
    for (int tries = 0; tries < 3; tries++) {
      try {
        Checkpoint read = checkpointStore.load(stage, shard).orElse(null);
        if (read == null) {
          return done;
        }
        BatchFailures kept = read.failures().withoutLaneEntries(positions);
        if (kept.equals(read.failures())
            || checkpointStore.commit(read, Checkpoint.recordingFailures(read, stage, shard, kept))) {
          return done;
        }
      } catch (RuntimeException e) {
        LOG.info("stage {} on {}: could not drop the failures of a lane batch that succeeded: {}", stage, shard,
            e.toString());
        return done;
      }
    }
    return done;
  }

  /** Runs {@code inputs} once: the protocol of one batch, from the checkpoint {@code read} (null: none yet). */
  private Outcome attempt(List<InputRecord> inputs, Checkpoint read, BatchCounts counts) {
    String shard = inputs.get(0).shardId();
    Checkpoint checkpoint = read;
    StateStoreCounters stateBefore = stateCounters();
    try {
      checkpoint = adopted(shard, checkpoint, counts);
      if (rounds != null && (checkpoint == null || !checkpoint.handedOver())) {
        checkpoint = overTicks.settled(shard, checkpoint, counts);
      }
      String committed = checkpoint == null ? null : checkpoint.position();
      List<InputRecord> fresh = after(inputs, committed);
      long redelivered = inputs.size() - fresh.size();
      if (fresh.isEmpty()) {
        return new Outcome(null, redelivered, stateCost(stateBefore), counts.checkpointRequests, null, counts.fired);
      }
      if (checkpoint != null && checkpoint.handedOver()) {
        throw new IllegalStateException("stage " + stage + " read " + fresh.size() + " record(s) on " + shard
            + " from sequence number " + fresh.get(0).sequenceNumber() + " after the shard was handed over to its "
            + "children, which adopted its state: they cannot be applied (a parent is read to its end before its "
            + "children)");
      }
      BatchFailures.Suspect failedBefore = checkpoint == null ? null : suspectAt(checkpoint, fresh.get(0));
      InvocationLog.attempt(failedBefore == null ? 1 : failedBefore.attempts() + 1);
      observer.reached(CommitStep.STARTED, stage, shard);
      ShardTime before = FiringRounds.timeOf(checkpoint);
      try (ActivityHeartbeat.Beating active = rounds == null ? () -> { } : rounds.keepActive(shard, before)) {
        return runFresh(shard, checkpoint, fresh, redelivered, before, counts, stateBefore);
      }
    } catch (RuntimeException | Error e) {
      checkpoints.forget();
      throw e;
    }
  }

  /** What the requests of this invocation so far cost, before a narrowing adds its parts (the bill counts both). */
  private Outcome spent(BatchCounts counts, StateStoreCounters stateAtStart) {
    return new Outcome(null, 0, stateCost(stateAtStart), counts.checkpointRequests, null, Map.of());
  }

  /**
   * Narrows a failing batch of {@code shard} (see {@link BatchNarrowing}): each part a batch of its own, a poison record
   * isolated. The outcome counts every request sent, those of parts that failed and were split too.
   */
  private Outcome narrow(String shard, List<InputRecord> span, Throwable failure, List<InputRecord> rest,
      Outcome spent) {
    Outcome[] failedParts = {Outcome.NOTHING};
    Outcome done = new BatchNarrowing<Outcome>(maxRecordAttempts, Outcome::plus, part -> {
      BatchCounts counts = new BatchCounts();
      StateStoreCounters before = stateCounters();
      try {
        return attempt(part, counts);
      } catch (RuntimeException | Error e) {
        failedParts[0] = failedParts[0].plus(spent(counts, before));
        throw e;
      }
    }, (record, why) -> isolate(shard, record, why), part -> watch.trying(part, true)).narrow(span, failure, rest,
        spent);
    return done.plus(failedParts[0]);
  }

  /**
   * Judges {@code record} poison for good in the shard's checkpoint item, then runs it alone: every attempt from now on
   * sends it to the dead letters instead of applying it, and the checkpoint moves past it.
   */
  private Outcome isolate(String shard, InputRecord record, Throwable failure) {
    BatchCounts counts = new BatchCounts();
    // with lanes, other lanes may record their own failures in the same item meanwhile: read again and retry
    for (int tries = 1; ; tries++) {
      Checkpoint checkpoint = load(shard, counts);
      if (checkpoint != null && checkpoint.covers(record.sequenceNumber())) {
        return new Outcome(null, 1, StateStoreCounters.ZERO, counts.checkpointRequests, null, Map.of());
      }
      BatchFailures failures = checkpoint == null ? BatchFailures.NONE : checkpoint.failures();
      if (!failures.poisonedAt(record.sequenceNumber()).isEmpty()) {
        break;
      }
      ErrorType type = FailureClass.errorType(failure);
      BatchFailures judged = (lanes ? failures : failures.withSuspect(null)).withPoisoned(new BatchFailures.Poisoned(
          record.sequenceNumber(), type.label(), poisonMessage(type, failure)));
      if (checkpoints.recordFailures(shard, checkpoint, judged, counts)) {
        break;
      }
      if (!lanes || tries >= 5) {
        throw new ConcurrentAttemptException("stage " + stage + ": another invocation committed shard " + shard
            + " while sequence number " + record.sequenceNumber() + " was judged poison; the batch is retried");
      }
    }
    return attempt(List.of(record), counts);
  }

  private String poisonMessage(ErrorType type, Throwable failure) {
    String why = switch (type) {
      case STATE -> "the record grows its key's state beyond what can be stored";
      case WRITE -> "a service refused an output of the record for a reason retrying cannot fix";
      default -> "every attempt at the record failed (" + maxRecordAttempts + " alone, after its batch failed)";
    };
    return why + ": " + FailureClass.describe(failure);
  }

  /**
   * Counts a failed attempt at the records from the first one after the committed position in the shard's checkpoint
   * item (best effort: a failure to record is added to {@code failure} as suppressed).
   */
  private void recordAttempt(String shard, List<InputRecord> inputs, Throwable failure, boolean narrowing) {
    try {
      // the checkpoint store itself, not this instance's ShardCheckpoints: the watchdog calls this from its own thread
      BatchFailures.Suspect suspect = null;
      // with lanes, other lanes may record their own failures in the same item meanwhile: read again and retry
      for (int tries = 1; suspect == null; tries++) {
        Checkpoint checkpoint = checkpointStore.load(stage, shard).orElse(null);
        List<InputRecord> fresh = after(inputs, checkpoint == null ? null : checkpoint.position());
        if (fresh.isEmpty()) {
          return;
        }
        BatchFailures failures = checkpoint == null ? BatchFailures.NONE : checkpoint.failures();
        String from = fresh.get(0).sequenceNumber();
        BatchFailures.Suspect before = lanes ? failures.laneSuspect(from).orElse(null) : failures.suspect();
        int attempts = narrowing ? maxRecordAttempts
            : before != null && before.from().equals(from) ? before.attempts() + 1 : 1;
        BatchFailures.Suspect next = new BatchFailures.Suspect(from, fresh.size(), attempts, narrowing,
            FailureClass.describe(failure));
        if (checkpointStore.commit(checkpoint, Checkpoint.recordingFailures(checkpoint, stage, shard,
            lanes ? failures.withLaneSuspect(next) : failures.withSuspect(next)))) {
          suspect = next;
        } else if (!lanes || tries >= 5) {
          return;
        }
      }
      LOG.warn("stage {} on {}: attempt {} of {} at {} record(s) from sequence number {} failed: {}", stage, shard,
          suspect.attempts(), maxRecordAttempts, suspect.records(), suspect.from(), suspect.lastError());
    } catch (RuntimeException | Error e) {
      failure.addSuppressed(e);
    }
  }

  /** The watchdog's record of a hanging attempt: what was being tried counts as failed. */
  private void recordTimeout(String shard) {
    AttemptWatch.Tried tried = watch.tried();
    if (tried == null) {
      return;
    }
    recordAttempt(shard, tried.records(), new IllegalStateException("the invocation was about to time out while "
        + "trying " + tried.records().size() + " record(s)"), tried.narrowing());
  }

  /** Runs the records not yet committed: the commit path after STARTED. */
  private Outcome runFresh(String shard, Checkpoint checkpoint, List<InputRecord> fresh,
      long redelivered, ShardTime before, BatchCounts counts, StateStoreCounters stateBefore) {
    String committed = checkpoint == null ? null : checkpoint.position();
    processor.clock().runAt(before.watermark(), before.processingTime());
    ProducerCopies.Sorted sorted = copies.sort(shard, checkpoint, processor.decode(markers.data(fresh)), counts);
    List<DecodedRecord> decoded = poisoned(sorted.firstCopies(), checkpoint);
    ShardIdentities shardIdentities = null;
    Map<String, KeyState> loaded;
    if (log != null) {
      ShardState committedState = log.committed(shard, checkpoint);
      loaded = committedState.working(keyNamesOf(decoded));
      shardIdentities = new ShardIdentities(committedState.identities());
    } else {
      loaded = stateStore == null ? null : keys.load(keysOf(decoded));
    }
    Map<String, Long> heard = new HashMap<>(before.upstream());
    Map<InputRecord, Long> judged = rounds == null ? null : judgingWatermarks(rounds.watermarks(), fresh, before, heard);
    ProcessedBatch batch = sorted.withCopiesSkipped(processor.run(decoded, new BatchContext(loaded, states.current(),
        true, committed == null ? "-" : committed, rounds == null ? StageClock.NONE : before.watermark(),
        judged == null ? null : input -> judged.getOrDefault(input, before.watermark()), shardIdentities)));
    observer.reached(CommitStep.PROCESSED, stage, shard);
    if (rounds != null && (checkpoint == null || (checkpoint.position() == null && checkpoint.time() == null))) {
      rounds.introduce(shard);
    }
    // encoded before any output leaves, so a state that cannot be stored fails the attempt while nothing is sent
    long batchTime = fresh.get(fresh.size() - 1).arrivalMillis();
    CommittedKeys.Prepared prepared = loaded == null || log != null ? null : keys.prepare(loaded, batchTime);
    // a stage in the log layout keeps the window ends and timers its keys registered in its log entry
    ShardStateLog.Prepared entry = log == null ? null : log.prepare(loaded, shardIdentities, batchTime,
        rounds == null ? List.of() : processor.clock().drainRegistered(), null);
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
    sorted.remember(fresh.get(fresh.size() - 1).sequenceNumber()); // before the checkpoint that commits its ids
    if (prepared != null) {
      keys.write(prepared, shard);
    }
    StateLogRefs refs = entry == null ? null : log.write(shard, checkpoint, entry);
    observer.reached(CommitStep.STATE_WRITTEN, stage, shard);
    String last = fresh.get(fresh.size() - 1).sequenceNumber();
    if (log != null && rounds == null) {
      Checkpoint next = checkpoint == null ? new Checkpoint(stage, shard, last, null, 1, null, refs)
          : checkpoint.next(last, checkpoint.time(), refs);
      checkpoints.commit(checkpoint, next, counts);
      log.committed(shard, next, entry);
      observer.reached(CommitStep.CHECKPOINT_COMMITTED, stage, shard);
      compactIfDue(shard, next, counts, batchTime);
    } else if (log != null) {
      Checkpoint read = checkpoint;
      Checkpoint next = overTicks.commit(shard, checkpoint, last,
          decoded.stream().filter(d -> !d.isFailed()).map(DecodedRecord::eventTime).toList(), heard, counts,
          base -> base == read ? refs : log.rebase(shard, read, base, entry));
      log.committed(shard, next, entry);
      observer.reached(CommitStep.CHECKPOINT_COMMITTED, stage, shard);
      if (FiringRounds.pending(next)) {
        observer.reached(CommitStep.ROUND_PINNED, stage, shard);
        next = rounds.complete(next, counts);
      }
      compactIfDue(shard, next, counts, batchTime);
    } else if (lanes) {
      // lanes finish out of order: no position to commit; every record's key version covers it
      observer.reached(CommitStep.CHECKPOINT_COMMITTED, stage, shard);
    } else if (rounds == null) {
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
   * {@code read}, or for a child shard of a stage in the log layout that has not committed a state log yet, the first
   * commit of the state it adopts from its parents (docs/state-log.md, "Resharding"), committed. Only a batch adopts:
   * a parent is drained before its children are read (Lambda and the local driver), so its final checkpoint is read
   * here. Each parent is handed over first, a conditional commit that fences any invocation still working on it
   * (a zombie, a tick) and after which it commits nothing, so what the child adopted never fires twice.
   */
  private Checkpoint adopted(String shard, Checkpoint read, BatchCounts counts) {
    if (log == null || (read != null && read.stateLog() != null)) {
      return read;
    }
    ShardLineage.Lineage family = lineage.of(shard).orElse(null);
    if (family == null || family.parents().isEmpty()) {
      return read;
    }
    Map<String, Checkpoint> parents = new java.util.TreeMap<>();
    for (String parent : family.parents()) {
      Checkpoint last = checkpointStore.load(stage, parent).orElse(null);
      counts.checkpointRequests++;
      parents.put(parent, handedOver(shard, parent, last, counts));
    }
    ShardStateLog.Adoption adoption = log.adoption(shard, read, family, parents);
    checkpoints.commit(read, adoption.checkpoint(), counts);
    log.adopted(shard, adoption);
    LOG.info("stage {} on {}: adopted {} key(s) from parent shard(s) {}", stage, shard, adoption.state().size(),
        parents.keySet());
    return adoption.checkpoint();
  }

  /** {@code parent}'s checkpoint {@code last}, handed over to its child {@code shard} (committed) unless it was. */
  private Checkpoint handedOver(String shard, String parent, Checkpoint last, BatchCounts counts) {
    if (last != null && last.handedOver()) {
      return last;
    }
    if (FiringRounds.pending(last)) {
      throw new ConcurrentAttemptException("stage " + stage + ": parent shard " + parent + " of " + shard
          + " has a firing round pending; its next tick completes it, then the child adopts (the batch is retried)");
    }
    Checkpoint handedOver = last == null ? new Checkpoint(stage, parent, null, null, 1, null, null, true)
        : last.handOver();
    checkpoints.commit(last, handedOver, counts);
    return handedOver;
  }

  /**
   * Compacts the state log of {@code shard} after {@code committed} when it is due (docs/state-log.md, step 7): the
   * whole state as a snapshot, without the values expired at {@code judgedAtMillis} (the committed batch's last
   * arrival time, which the stage's next records arrived at or after), a commit naming it with an empty log, then the
   * superseded items deleted. The batch is committed already: a compaction that loses its commit to another
   * invocation is left to a later batch.
   */
  private void compactIfDue(String shard, Checkpoint committed, BatchCounts counts, long judgedAtMillis) {
    if (!ShardStateLog.dueForCompaction(committed)) {
      return;
    }
    Checkpoint compacted = log.snapshot(shard, committed, judgedAtMillis);
    observer.reached(CommitStep.SNAPSHOT_WRITTEN, stage, shard);
    try {
      checkpoints.commit(committed, compacted, counts);
    } catch (ConcurrentAttemptException lost) {
      LOG.info("stage {} on {}: another invocation committed before the compaction at revision {}; left to a later"
          + " batch", stage, shard, compacted.revision());
      return;
    }
    log.compacted(shard, committed, compacted);
    observer.reached(CommitStep.SNAPSHOT_COMMITTED, stage, shard);
    log.collect(shard, compacted);
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
    StateStoreCounters stateBefore = stateCounters();
    try {
      if (rounds.recentlyActive(FiringRounds.timeOf(checkpoint))) {
        // the batch that committed is probably still completing its round: leave the shard to it
        return new Outcome(null, 0, stateCost(stateBefore), counts.checkpointRequests, null, counts.fired, true);
      }
      if (handedOverOrAwaitingAdoption(shard, checkpoint)) {
        // a handed-over parent commits nothing more; a child adopts at its first batch, which proves its parents
        // drained (a tick cannot tell), and has nothing of its own to fire before that
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
        if (log != null) {
          log.committed(shard, next, null);
        }
        if (FiringRounds.pending(next)) {
          observer.reached(CommitStep.ROUND_PINNED, stage, shard);
          next = rounds.complete(next, counts);
        }
        if (log != null) {
          // a tick has no record arrival to judge expiry at (a lagging reader's next records may be older than now)
          compactIfDue(shard, next, counts, ShardStateLog.NOT_JUDGED);
        }
      }
      return new Outcome(null, 0, stateCost(stateBefore), counts.checkpointRequests, null, counts.fired);
    } catch (RuntimeException | Error e) {
      checkpoints.forget();
      throw e;
    }
  }

  /**
   * True for a shard a tick leaves alone in the log layout: handed over to its children, or a child that has not
   * adopted its parents' state yet.
   */
  private boolean handedOverOrAwaitingAdoption(String shard, Checkpoint checkpoint) {
    if (log == null) {
      return false;
    }
    if (checkpoint != null && checkpoint.handedOver()) {
      return true;
    }
    return (checkpoint == null || checkpoint.stateLog() == null) && lineage.of(shard).isPresent();
  }

  /**
   * The watermark each record of the batch is judged late against: the committed one, raised by what the upstream
   * shards announced up to the record (markers, and the producer watermarks records carry), as far as every shard
   * heard from agrees (the minimum), once every planned upstream shard has been heard from ({@link
   * Watermarks#judging}). The record's own producer is among them, so a record judged late is late at its producer
   * or at the committed watermark; a shard first seen without an announcement holds the minimum. It depends only on
   * the committed time and the shard's records, so every attempt, however the batch is split, judges a record alike.
   * It only decides lateness: windows fire in rounds, at pinned watermarks. Fills {@code heard} with everything the
   * batch announced.
   */
  private static Map<InputRecord, Long> judgingWatermarks(Watermarks watermarks, List<InputRecord> fresh,
      ShardTime before, Map<String, Long> heard) {
    Map<InputRecord, Long> judged = new IdentityHashMap<>();
    for (InputRecord record : fresh) {
      FiringRounds.hear(heard, record.partitionKey());
      judged.put(record, watermarks.judging(before.watermark(), heard));
    }
    return judged;
  }

  /**
   * The decoded records with those judged poison by an earlier attempt ({@link BatchFailures#poisoned()}) marked
   * failed, so they go to the dead letters again rather than being applied; their key, when known, still counts them
   * as applied.
   */
  private static List<DecodedRecord> poisoned(List<DecodedRecord> decoded, Checkpoint checkpoint) {
    if (checkpoint == null || checkpoint.failures().poisoned().isEmpty()) {
      return decoded;
    }
    List<DecodedRecord> marked = new ArrayList<>(decoded.size());
    for (DecodedRecord record : decoded) {
      BatchFailures.Poisoned poison = checkpoint.failures().poisonedAt(record.input().sequenceNumber()).orElse(null);
      marked.add(poison == null ? record : new DecodedRecord(record.input(), record.value(), record.key(),
          new StepFailure(ErrorType.valueOf(poison.errorType().toUpperCase(Locale.ROOT)), null, poison.error(), null),
          record.eventTime()));
    }
    return marked;
  }

  private Set<String> keyNamesOf(List<DecodedRecord> decoded) {
    Set<String> wanted = new LinkedHashSet<>();
    if (processor.broadcastKeys() != null && !decoded.isEmpty()) {
      // every record reads the shard's broadcast state (docs/broadcast.md)
      wanted.add(processor.broadcastKeys().of(decoded.get(0).input().shardId()));
    }
    for (DecodedRecord record : decoded) {
      if (record.key() != null) {
        wanted.add(record.key());
      }
    }
    return wanted;
  }

  private Set<StateKey> keysOf(List<DecodedRecord> decoded) {
    Set<StateKey> wanted = new LinkedHashSet<>();
    if (processor.broadcastKeys() != null && !decoded.isEmpty()) {
      // every record reads the shard's broadcast state (docs/broadcast.md)
      wanted.add(new StateKey(stage, processor.broadcastKeys().of(decoded.get(0).input().shardId())));
    }
    for (DecodedRecord record : decoded) {
      if (record.key() != null) {
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
    List<InputRecord> fresh = new ArrayList<>(inputs.size());
    for (InputRecord input : inputs) {
      if (SequenceNumberOrder.compare(input.sequenceNumber(), committed) > 0) {
        fresh.add(input);
      }
    }
    return fresh;
  }

  private StateStoreCounters stateCost(StateStoreCounters before) {
    return stateCounters().minus(before);
  }

  /** What the keyed state's store has asked so far; a state log's requests as reads and writes. */
  private StateStoreCounters stateCounters() {
    if (stateLog != null) {
      StateLogCounters logged = stateLog.counters();
      return new StateStoreCounters(logged.batchGetItemRequests() + logged.queryRequests(), 0,
          logged.batchWriteItemRequests(), 0, 0, logged.readCapacityUnits(), logged.writeCapacityUnits(),
          logged.itemsRead(), logged.itemsWritten() + logged.itemsDeleted(), 0);
    }
    return stateStore == null ? StateStoreCounters.ZERO : stateStore.counters();
  }

  /**
   * What one batch did.
   *
   * @param batch              the processed batch, or null when every record was a redelivery
   * @param redelivered        records dropped because the checkpoint already covered them
   * @param stateCost          the state table requests and units of this batch
   * @param checkpointRequests checkpoint reads and commits
   * @param written            what writing the outputs cost, or null
   * @param fired              records fired by windows and timers, by output
   * @param deferred           a tick only: it left the shard alone because a batch with records committed there in
   *                           the last two seconds (that batch, or the next tick, does the work)
   */
  public record Outcome(ProcessedBatch batch, long redelivered, StateStoreCounters stateCost, long checkpointRequests,
      CommitResult written, Map<String, Long> fired, boolean deferred) {
    static final Outcome NOTHING = new Outcome(null, 0, StateStoreCounters.ZERO, 0, null, Map.of());

    public Outcome {
      fired = Map.copyOf(fired);
    }

    /** What a batch, or a tick that did not defer, did. */
    public Outcome(ProcessedBatch batch, long redelivered, StateStoreCounters stateCost, long checkpointRequests,
        CommitResult written, Map<String, Long> fired) {
      this(batch, redelivered, stateCost, checkpointRequests, written, fired, false);
    }

    /** What two parts of a batch did together (a narrowed batch runs in parts). */
    Outcome plus(Outcome other) {
      ProcessedBatch both = batch == null ? other.batch : other.batch == null ? batch : new ProcessedBatch(
          concat(batch.records(), other.batch.records()), batch.filteredOut() + other.batch.filteredOut(),
          batch.skipped() + other.batch.skipped());
      CommitResult writes = written == null ? other.written : other.written == null ? written
          : CommitResult.complete(written.stats().plus(other.written.stats()));
      Map<String, Long> firedBoth = new HashMap<>(fired);
      other.fired.forEach((node, n) -> firedBoth.merge(node, n, Long::sum));
      return new Outcome(both, redelivered + other.redelivered, stateCost.plus(other.stateCost),
          checkpointRequests + other.checkpointRequests, writes, firedBoth);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> all = new ArrayList<>(a.size() + b.size());
      all.addAll(a);
      all.addAll(b);
      return all;
    }
  }

  /** The failure of an earlier attempt, known from the shard's checkpoint item. */
  private static final class SuspectedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SuspectedFailure(BatchFailures.Suspect suspect) {
      super(suspect.records() + " record(s) from sequence number " + suspect.from() + " failed " + suspect.attempts()
          + " attempt(s)" + (suspect.narrowing() ? " while narrowing" : "") + "; last error: " + suspect.lastError());
    }
  }
}
