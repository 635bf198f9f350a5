package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.functions.state.CommittedKeyState;
import java.util.List;
import java.util.Objects;

/**
 * What one commit changed in a shard's keyed state (a state log entry), or a shard's whole state (a snapshot):
 * docs/state-log.md.
 *
 * @param keys       each changed key's new state, or its removal
 * @param identities the shard's dedup memory after the commit, or null when the commit did not change it
 */
record ShardChanges(List<KeyChange> keys, AppliedIdentities identities) {
  ShardChanges {
    keys = List.copyOf(keys);
  }

  /** True when there is nothing to write. */
  boolean isEmpty() {
    return keys.isEmpty() && identities == null;
  }

  /**
   * One key's new state.
   *
   * @param key     the record key
   * @param state   the new state (version null, no dedup memory of its own), or null when the key has none left
   * @param encoded {@code state} as {@code KeyStateCodec} encodes it, or null for a removal
   */
  record KeyChange(String key, CommittedKeyState state, byte[] encoded) {
    KeyChange {
      Objects.requireNonNull(key, "key");
      if ((state == null) != (encoded == null)) {
        throw new IllegalArgumentException("a key change has both its state and its encoding, or neither");
      }
    }
  }
}
