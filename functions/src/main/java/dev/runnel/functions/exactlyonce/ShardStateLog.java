package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.checkpointing.checkpoint.StateLogRefs;
import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.functions.state.ShardIdentities;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateTooLargeException;
import dev.runnel.statestore.item.ItemLayout;
import dev.runnel.statestore.statelog.LogItems;
import dev.runnel.statestore.statelog.StateLogStore;
import dev.runnel.statestore.timers.TimerEntry;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed state of a stage's shards as state logs (docs/state-log.md): the committed state of each shard this
 * instance serves, held in memory at the checkpoint revision it belongs to and otherwise read from the snapshot and
 * entries the checkpoint names; a batch's changes as a log entry; and compaction into a snapshot.
 */
final class ShardStateLog {
  private static final Logger LOG = LoggerFactory.getLogger(ShardStateLog.class);
  /** A log of this many entries is compacted whatever its size. */
  static final int MAX_ENTRIES = 32;
  /** A compaction time that judges no value expired. */
  static final long NOT_JUDGED = Long.MIN_VALUE;
  /**
   * A log is compacted once its bytes exceed the snapshot's this many times. Each entry is written once and deleted
   * once; a compaction writes the snapshot and deletes the one before, so per byte changed the log costs about
   * 2 + 2 / this write units' worth: 4 at 1, 3 at 2. A cold read takes up to this many snapshots' worth of entries more.
   */
  static final int LOG_OVER_SNAPSHOT = 2;
  private static final int ATTEMPT_CHARACTERS = 8;
  private static final Random ATTEMPTS = new SecureRandom();

  private final String stage;
  private final StateLogStore store;
  private final KeyStateCodec keyCodec;
  private final ShardStateCodec codec;
  private final ShardStateLoader loader;
  /** Per shard, its committed state and the checkpoint revision it is the state of. */
  private final Map<String, Held> held = new HashMap<>();

  ShardStateLog(String stage, StateLogStore store, KeyStateCodec keyCodec) {
    this.stage = stage;
    this.store = store;
    this.keyCodec = keyCodec;
    this.codec = new ShardStateCodec(keyCodec);
    this.loader = new ShardStateLoader(stage, store, keyCodec);
  }

  /**
   * The committed state of {@code shard} at {@code checkpoint} (null: none yet): the one in memory when it is of that
   * revision (this instance committed it, or read it), else read from what the checkpoint names.
   */
  ShardState committed(String shard, Checkpoint checkpoint) {
    long revision = checkpoint == null ? 0 : checkpoint.revision();
    Held state = held.get(shard);
    if (state != null && state.revision == revision) {
      return state.state;
    }
    held.remove(shard);
    ShardState read = loader.load(shard, refsOf(checkpoint));
    held.put(shard, new Held(revision, read));
    return read;
  }

  /**
   * A batch's changes to the shard, encoded (before any output is sent, so a state that cannot be stored fails the
   * attempt while nothing left): each changed key's state at {@code nowMillis} (the batch's time, which the states'
   * own TTLs count from), or its removal when nothing of it is left, and the dedup memory if the batch changed it.
   *
   * @throws StateTooLargeException if a key's state is over the per-key limit of the per-key layout (4 MB)
   */
  Prepared prepare(Map<String, KeyState> working, ShardIdentities identities, long nowMillis) {
    return prepare(working, identities, nowMillis, List.of(), null);
  }

  /**
   * As above, with the timer queue entries the batch or round registered, and for a firing round the times it fired
   * through (null for a batch).
   */
  Prepared prepare(Map<String, KeyState> working, ShardIdentities identities, long nowMillis,
      List<TimerEntry> registered, ShardChanges.FiredThrough firedThrough) {
    List<ShardChanges.KeyChange> changes = new ArrayList<>();
    for (KeyState key : working.values()) {
      if (!key.changed()) {
        continue;
      }
      CommittedKeyState live = keyCodec.committed(key, nowMillis);
      if (live.entries().isEmpty()) {
        changes.add(new ShardChanges.KeyChange(key.key(), null, null));
        continue;
      }
      CommittedKeyState state = new CommittedKeyState(key.key(), null, live.entries(), AppliedIdentities.EMPTY);
      byte[] encoded = keyCodec.encode(state);
      if (encoded.length > ItemLayout.MAX_TRANSACTION_BYTES) {
        throw new StateTooLargeException(new StateKey(stage, key.key()), encoded.length, encoded.length,
            ItemLayout.MAX_TRANSACTION_BYTES);
      }
      changes.add(new ShardChanges.KeyChange(key.key(), state, encoded));
    }
    ShardChanges all = new ShardChanges(changes, identities == null ? null : identities.changedProducers(),
        firedThrough, registered);
    return new Prepared(all, all.isEmpty() ? null : codec.encode(all));
  }

  /**
   * Writes a batch's entry as the items of the commit after {@code read} (null: none yet), under a new attempt id,
   * and returns the state log refs that commit names: {@code read}'s with the entry appended (unchanged when the batch
   * changed nothing).
   */
  StateLogRefs write(String shard, Checkpoint read, Prepared prepared) {
    StateLogRefs refs = read == null || read.stateLog() == null ? StateLogRefs.EMPTY : read.stateLog();
    if (prepared.bytes() == null) {
      return refs;
    }
    long revision = read == null ? 1 : read.revision() + 1;
    return refs.append(writeItems(shard, LogItems.Kind.ENTRY, revision, prepared.bytes()));
  }

  /**
   * The state log refs a batch that read {@code read} and wrote {@code prepared} names when it commits over
   * {@code now} instead, which ticks committed meanwhile (docs/state-log.md, "Ticks"): allowed when their entries
   * changed none of the batch's keys nor the dedup memory, and the log was not compacted meanwhile. The entry is written
   * again as an item of the commit after {@code now}, which no compaction up to {@code now} can have collected, and
   * the state in memory takes the ticks' entries.
   *
   * @throws ConcurrentAttemptException when the batch cannot commit over what the ticks did
   */
  StateLogRefs rebase(String shard, Checkpoint read, Checkpoint now, Prepared prepared) {
    StateLogRefs before = refsOf(read);
    StateLogRefs after = refsOf(now);
    boolean appended = java.util.Objects.equals(before.snapshot(), after.snapshot())
        && after.log().size() >= before.log().size() && after.log().subList(0, before.log().size()).equals(before.log());
    if (!appended) {
      throw new ConcurrentAttemptException("stage " + stage + " on " + shard + ": the state log was compacted while"
          + " the batch ran; the batch is retried");
    }
    List<StateLogRefs.Logged> extra = after.log().subList(before.log().size(), after.log().size());
    java.util.Set<String> mine = new java.util.HashSet<>();
    prepared.changes().keys().forEach(change -> mine.add(change.key()));
    List<ShardChanges> ticks = loader.decode(shard,
        extra.stream().map(logged -> ShardStateLoader.items(LogItems.Kind.ENTRY, logged)).toList());
    for (int i = 0; i < ticks.size(); i++) {
      ShardChanges tick = ticks.get(i);
      boolean overlaps = tick.identities() != null
          || tick.keys().stream().anyMatch(change -> mine.contains(change.key()));
      if (overlaps) {
        throw new ConcurrentAttemptException("stage " + stage + " on " + shard + ": a tick changed keys the batch"
            + " changed too (revision " + extra.get(i).revision() + "); the batch is retried");
      }
    }
    Held state = held.remove(shard);
    if (state != null && state.revision == (read == null ? 0 : read.revision())) {
      ticks.forEach(state.state::apply);
      held.put(shard, new Held(now.revision(), state.state));
    } else if (state != null && state.revision == now.revision()) {
      held.put(shard, state); // this instance completed the ticks' round itself
    }
    if (prepared.bytes() == null) {
      return after;
    }
    return after.append(writeItems(shard, LogItems.Kind.ENTRY, now.revision() + 1, prepared.bytes()));
  }

  private static StateLogRefs refsOf(Checkpoint checkpoint) {
    return checkpoint == null || checkpoint.stateLog() == null ? StateLogRefs.EMPTY : checkpoint.stateLog();
  }

  /**
   * Makes {@code prepared} (null: nothing changed) part of the shard's state in memory, once {@code committed} names
   * it. A state in memory of another revision than the one before {@code committed} is dropped.
   */
  void committed(String shard, Checkpoint committed, Prepared prepared) {
    Held state = held.remove(shard);
    if (state == null || state.revision != committed.revision() - 1) {
      return; // not loaded, or not the state the commit started from: the next batch reads the truth
    }
    if (prepared != null) {
      state.state.apply(prepared.changes());
    }
    held.put(shard, new Held(committed.revision(), state.state));
  }

  /**
   * True when {@code committed}'s log is due for compaction: over {@link #LOG_OVER_SNAPSHOT} times the snapshot, or
   * {@link #MAX_ENTRIES} long.
   */
  static boolean dueForCompaction(Checkpoint committed) {
    StateLogRefs refs = committed.stateLog();
    if (refs == null || refs.log().isEmpty()) {
      return false;
    }
    long snapshotBytes = refs.snapshot() == null ? 0 : refs.snapshot().bytes();
    return refs.logBytes() > LOG_OVER_SNAPSHOT * snapshotBytes || refs.log().size() >= MAX_ENTRIES;
  }

  /**
   * Writes the shard's whole state at {@code committed} as a snapshot for the commit after it, and returns that
   * commit: the same position and time, naming the snapshot and an empty log. Values expired at {@code judgedAtMillis}
   * are left out, and so is a key with nothing else left, whether or not a record touched it since (docs/state-log.md,
   * expiry); {@link #NOT_JUDGED} keeps every value.
   */
  Checkpoint snapshot(String shard, Checkpoint committed, long judgedAtMillis) {
    ShardState state = committed(shard, committed);
    List<ShardChanges.KeyChange> keys = new ArrayList<>(state.size());
    for (CommittedKeyState key : state.keys()) {
      CommittedKeyState live = judgedAtMillis == NOT_JUDGED ? key : keyCodec.unexpired(key, judgedAtMillis);
      if (!live.entries().isEmpty()) {
        keys.add(new ShardChanges.KeyChange(live.key(), live, keyCodec.encode(live)));
      }
    }
    byte[] bytes = codec.encode(new ShardChanges(keys, state.identities(), null, state.timers()));
    StateLogRefs.Logged snapshot = writeItems(shard, LogItems.Kind.SNAPSHOT, committed.revision() + 1, bytes);
    return committed.next(committed.position(), committed.time(), new StateLogRefs(snapshot, List.of()));
  }

  /** Moves the state in memory to {@code compacted}, the commit of a snapshot, whose state it is unchanged. */
  void compacted(String shard, Checkpoint before, Checkpoint compacted) {
    Held state = held.get(shard);
    if (state != null && state.revision == before.revision()) {
      held.put(shard, new Held(compacted.revision(), state.state));
    }
  }

  /** Deletes the shard's items that {@code compacted} superseded (best effort: garbage costs storage only). */
  void collect(String shard, Checkpoint compacted) {
    try {
      store.collect(stage, shard, compacted.revision(),
          List.of(ShardStateLoader.items(LogItems.Kind.SNAPSHOT, compacted.stateLog().snapshot())));
    } catch (RuntimeException e) {
      LOG.info("stage {} on {}: could not delete the state log items before revision {}: {}", stage, shard,
          compacted.revision(), e.toString());
    }
  }

  /**
   * The first commit of child shard {@code shard} of a stage in this layout (after {@code read}: none, or one that
   * named no state log), naming a snapshot of what it adopts from its drained parents, whose final checkpoints are
   * {@code parents} (docs/state-log.md, "Resharding"): the keys whose hash key (the MD5 of the key, as Runnel routes
   * records) falls in the shard's range, their windows and timers, the parents' dedup memories merged, and the
   * furthest of their times ({@link ShardTime#ofParents}), so a record late for its parent is late for the child. The
   * snapshot is written; the commit is the caller's, then {@link #adopted}.
   */
  Adoption adoption(String shard, Checkpoint read, ShardLineage.Lineage lineage, Map<String, Checkpoint> parents) {
    List<ShardState> states = new ArrayList<>();
    parents.forEach((parent, checkpoint) -> states.add(committed(parent, checkpoint)));
    ShardState adopted = ShardState.adopted(states,
        key -> lineage.holds(dev.runnel.checkpointing.identity.RecordIdentity.explicitHashKey(key)));
    List<ShardChanges.KeyChange> keys = new ArrayList<>(adopted.size());
    for (CommittedKeyState key : adopted.keys()) {
      keys.add(new ShardChanges.KeyChange(key.key(), key, keyCodec.encode(key)));
    }
    byte[] bytes = codec.encode(new ShardChanges(keys, adopted.identities(), null, adopted.timers()));
    long revision = read == null ? 1 : read.revision() + 1;
    StateLogRefs refs = new StateLogRefs(writeItems(shard, LogItems.Kind.SNAPSHOT, revision, bytes), List.of());
    List<ShardTime> times = new ArrayList<>();
    times.add(read == null ? null : read.time());
    parents.values().forEach(parent -> times.add(parent == null ? null : parent.time()));
    ShardTime time = ShardTime.ofParents(times);
    Checkpoint next = read == null ? new Checkpoint(stage, shard, null, time, 1, null, refs)
        : read.next(read.position(), time, refs);
    return new Adoption(next, adopted);
  }

  /** Holds the adopted state as the shard's, once {@code adoption}'s checkpoint is committed. */
  void adopted(String shard, Adoption adoption) {
    held.put(shard, new Held(adoption.checkpoint().revision(), adoption.state()));
  }

  /**
   * A child shard's adoption of its parents' state.
   *
   * @param checkpoint the commit that makes it the shard's
   * @param state      the adopted state
   */
  record Adoption(Checkpoint checkpoint, ShardState state) {}

  /** Forgets every shard's state, so the next batch reads the truth. */
  void forget() {
    held.clear();
  }

  private StateLogRefs.Logged writeItems(String shard, LogItems.Kind kind, long revision, byte[] bytes) {
    List<byte[]> parts = ShardStateCodec.split(bytes);
    String attempt = newAttempt();
    store.write(stage, shard, new LogItems(kind, revision, attempt, parts.size()), parts);
    return new StateLogRefs.Logged(revision, attempt, parts.size(), bytes.length);
  }

  private static String newAttempt() {
    StringBuilder id = new StringBuilder(ATTEMPT_CHARACTERS);
    for (int i = 0; i < ATTEMPT_CHARACTERS; i++) {
      id.append(Character.forDigit(ATTEMPTS.nextInt(36), 36));
    }
    return id.toString();
  }

  /**
   * A batch's changes to a shard, encoded.
   *
   * @param changes what changed
   * @param bytes   the deflated entry, or null when nothing changed
   */
  record Prepared(ShardChanges changes, byte[] bytes) {}

  /**
   * A commit's changes as written.
   *
   * @param prepared the changes
   * @param refs     the state log refs that name them
   */
  record Logged(Prepared prepared, StateLogRefs refs) {}

  private record Held(long revision, ShardState state) {}
}
