package dev.runnel.functions.state;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import java.util.Map;
import java.util.Objects;

/**
 * A key's committed state as decoded, what a warm instance keeps between batches: immutable, so a batch works on a
 * {@link #workingCopy()} and a failed attempt cannot change it (stored values are never mutated, see
 * {@link StateEntry}).
 *
 * @param key        the record key
 * @param version    the stored version
 * @param entries    the stored entries by state id
 * @param identities the stored dedup memory
 */
public record CommittedKeyState(String key, String version, Map<String, StateEntry> entries,
    AppliedIdentities identities) {
  public CommittedKeyState {
    Objects.requireNonNull(key, "key");
    entries = Map.copyOf(entries);
    Objects.requireNonNull(identities, "identities");
  }

  /** A working copy for one batch, at this version. */
  public KeyState workingCopy() {
    return new KeyState(key, version, entries, identities);
  }
}
