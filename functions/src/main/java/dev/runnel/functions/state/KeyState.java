package dev.runnel.functions.state;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The working copy of one key's states in one stage while a batch runs: the values, the version it was loaded at
 * (what the conditional write expects), the position of the last record applied, and the upstream identities
 * already applied. One record's changes can be rolled back when the record fails.
 */
public final class KeyState {
  /** Separates the position of the last record applied from the last firing round in a stored version. */
  private static final char ROUND = '#';
  /** Separates a firing round from the shard it belongs to: round numbers count per shard. */
  private static final char ROUND_SHARD = '@';

  private final String key;
  private final String loadedVersion;
  private RecordPosition appliedThrough;
  private long firedRound;
  private String firedShard;
  private Map<String, StateEntry> entries;
  private AppliedIdentities identities;
  private boolean changed;

  /**
   * A key's state as loaded.
   *
   * @param key            the record key
   * @param loadedVersion  the stored version, or null when the key had no item
   * @param entries        the stored entries by state id
   * @param identities     the stored dedup memory
   */
  public KeyState(String key, String loadedVersion, Map<String, StateEntry> entries, AppliedIdentities identities) {
    this.key = Objects.requireNonNull(key, "key");
    this.loadedVersion = loadedVersion;
    String position = loadedVersion;
    if (loadedVersion != null && loadedVersion.indexOf(ROUND) >= 0) {
      int at = loadedVersion.lastIndexOf(ROUND);
      String round = loadedVersion.substring(at + 1);
      int shardAt = round.indexOf(ROUND_SHARD);
      this.firedRound = Long.parseLong(shardAt < 0 ? round : round.substring(0, shardAt));
      this.firedShard = shardAt < 0 ? null : round.substring(shardAt + 1);
      position = at == 0 ? null : loadedVersion.substring(0, at);
    }
    this.appliedThrough = position == null ? null : RecordPosition.parse(position);
    this.entries = new HashMap<>(entries);
    this.identities = Objects.requireNonNull(identities, "identities");
  }

  /** A key with no stored state. */
  public static KeyState empty(String key) {
    return new KeyState(key, null, Map.of(), AppliedIdentities.EMPTY);
  }

  /** The record key. */
  public String key() {
    return key;
  }

  /** The version the key was loaded at, or null when it had no item: the condition of its write. */
  public String loadedVersion() {
    return loadedVersion;
  }

  /** The position of the last record applied, or null. */
  public RecordPosition appliedThrough() {
    return appliedThrough;
  }

  /**
   * The version to store: the last record applied, {@code shardId/sequenceNumber}, followed by
   * {@code #round@shardId} once a firing round changed the key, so that every write of the key has a new version its
   * condition can tell apart.
   */
  public String version() {
    String position = appliedThrough == null ? "" : appliedThrough.version();
    return firedRound == 0 ? position : position + ROUND + firedRound + ROUND_SHARD + firedShard;
  }

  /** True when the firing round {@code round} of {@code shardId} (or a later one) already changed this key. */
  public boolean alreadyFired(String shardId, long round) {
    return shardId.equals(firedShard) && firedRound >= round;
  }

  /** Marks the firing round {@code round} of {@code shardId} as applied to this key. */
  public void fired(String shardId, long round) {
    firedShard = shardId;
    firedRound = round;
    changed = true;
  }

  /** True when some record was applied since loading, so the key must be written. */
  public boolean changed() {
    return changed;
  }

  /** True when the record at {@code position}, or one after it in the shard, was already applied to this key. */
  public boolean alreadyApplied(RecordPosition position) {
    return appliedThrough != null && appliedThrough.isAtOrAfter(position);
  }

  /** True when an upstream record with this identity was already applied to this key, or must be a copy. */
  public boolean alreadyApplied(RecordIdentity identity) {
    return identities.isDuplicate(identity);
  }

  /** The live value of a state at {@code nowMillis}, or null when absent or expired. */
  public Object value(StateBinding state, long nowMillis) {
    StateEntry entry = entries.get(state.id());
    if (entry == null || state.expired(entry, nowMillis)) {
      return null;
    }
    return entry.value();
  }

  /** Sets a state's value (null removes it), written at {@code nowMillis}. */
  public void put(StateBinding state, Object value, long nowMillis) {
    if (value == null) {
      entries.remove(state.id());
    } else {
      entries.put(state.id(), new StateEntry(value, nowMillis));
    }
  }

  /** Every stored entry by state id, expired ones included (they are dropped when encoded). */
  Map<String, StateEntry> entries() {
    return entries;
  }

  /** The dedup memory. */
  AppliedIdentities identities() {
    return identities;
  }

  /** What to restore if the next record fails. */
  public Snapshot snapshot() {
    return new Snapshot(new HashMap<>(entries));
  }

  /** Undoes a failed record's changes. */
  public void restore(Snapshot snapshot) {
    entries = new HashMap<>(snapshot.entries);
  }

  /** Marks the record at {@code position} (with its upstream identity, if any) as applied. */
  public void applied(RecordPosition position, RecordIdentity identity) {
    appliedThrough = position;
    if (identity != null) {
      identities = identities.with(identity);
    }
    changed = true;
  }

  /** A copy of the entries before a record ran. */
  public static final class Snapshot {
    private final Map<String, StateEntry> entries;

    private Snapshot(Map<String, StateEntry> entries) {
      this.entries = entries;
    }
  }
}
