package dev.runnel.functions.exactlyonce;

import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateTooLargeException;
import dev.runnel.statestore.item.ItemLayout;
import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.StateWrite;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.WriteOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The committed key states of one stage (steps 3 and 6 of docs/exactly-once.md): loaded from a warm cache of decoded
 * states or with batched consistent reads, and written back with one conditional write per changed key. The cache is
 * only valid while the shard's checkpoint has not moved; {@link ShardCheckpoints} clears it when it has, and when an
 * attempt fails. It takes a key's new state only once its write succeeded, and hands each batch working copies.
 */
final class CommittedKeys {
  private static final int CACHED_KEYS = 50_000;

  private final String stage;
  private final StateStore store;
  private final KeyStateCodec codec;
  private final Clock wallClock;
  private final KeyStateCache cache = new KeyStateCache(CACHED_KEYS);

  CommittedKeys(String stage, StateStore store, KeyStateCodec codec, Clock wallClock) {
    this.stage = stage;
    this.store = store;
    this.codec = codec;
    this.wallClock = wallClock;
  }

  /** The committed state of {@code wanted}: from the cache, the rest with batched consistent reads. */
  Map<String, KeyState> load(Set<StateKey> wanted) {
    List<StateKey> missing = wanted.stream().filter(k -> !cache.contains(k)).toList();
    if (!missing.isEmpty()) {
      Map<StateKey, StoredState> loaded = store.load(missing);
      for (StateKey key : missing) {
        StoredState stored = loaded.get(key);
        cache.put(key, stored == null ? null : codec.decodeCommitted(key.key(), stored.version(), stored.value()));
      }
    }
    Map<String, KeyState> keys = new HashMap<>();
    for (StateKey key : wanted) {
      CommittedKeyState committed = cache.get(key);
      keys.put(key.key(), committed == null ? KeyState.empty(key.key()) : committed.workingCopy());
    }
    return keys;
  }

  /**
   * The writes of every changed key, encoded and checked against what the state table can store, before any output of
   * the batch is sent. {@code nowMillis} is the batch's time (its last record's arrival, or a firing round's
   * processing time, 0 without one), which the states' own TTLs count from, the same in every attempt. An item's
   * minimum life, which keeps a key's version and dedup memory from a zombie, counts from the wall clock when that is
   * later: counted from an old record's arrival (a consumer lagging by a day, a replay from the stream's start) or
   * from time 0, the item would be written already expired, which the store treats as absent, and a zombie's write
   * expecting no item would succeed.
   *
   * @throws StateTooLargeException if a key's state cannot be stored
   */
  Prepared prepare(Map<String, KeyState> keys, long nowMillis) {
    long expiryFromMillis = Math.max(nowMillis, wallClock.millis());
    List<StateWrite> writes = new ArrayList<>();
    List<CommittedKeyState> states = new ArrayList<>();
    for (KeyState key : keys.values()) {
      if (key.changed()) {
        CommittedKeyState committed = codec.committed(key, nowMillis);
        StateWrite write = new StateWrite(new StateKey(stage, key.key()), key.loadedVersion(),
            key.version(), codec.encode(committed), codec.expiresAtEpochSeconds(key, expiryFromMillis));
        ItemLayout.items(write);
        writes.add(write);
        states.add(committed);
      }
    }
    return new Prepared(writes, states);
  }

  /**
   * The encoded writes of a batch's changed keys, and each key's state as written (for the cache, once written).
   *
   * @param writes the writes
   * @param states what each write stores, decoded, in the same order
   */
  record Prepared(List<StateWrite> writes, List<CommittedKeyState> states) {
    Prepared {
      writes = List.copyOf(writes);
      states = List.copyOf(states);
    }
  }

  /** One conditional write per changed key; a conflict means another invocation got there first. */
  void write(Prepared prepared, String shard) {
    List<StateWrite> writes = prepared.writes();
    if (writes.isEmpty()) {
      return;
    }
    WriteOutcome outcome = store.write(writes);
    if (outcome.hasConflicts()) {
      throw new ConcurrentAttemptException("stage " + stage + " on " + shard + ": another invocation wrote "
          + outcome.conflicts().size() + " of the batch's keys first (e.g. '" + outcome.conflicts().iterator().next().key()
          + "'); the batch is retried and skips what was applied");
    }
    for (int i = 0; i < writes.size(); i++) {
      cache.put(writes.get(i).key(), prepared.states().get(i));
    }
  }

  /** Drops everything cached, so the next load reads the truth. */
  void clear() {
    cache.clear();
  }
}
