package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.functions.state.KeyState;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A shard's committed keyed state in a stage whose state is a state log (docs/state-log.md): every key's decoded
 * state and the shard's dedup memory. Batches work on copies ({@link #working}); only {@link #apply}, called once the
 * checkpoint naming the changes is committed, changes it.
 */
final class ShardState {
  private final Map<String, CommittedKeyState> keys = new HashMap<>();
  private AppliedIdentities identities = AppliedIdentities.EMPTY;

  /** Working copies of {@code wanted} (a key without state starts empty). */
  Map<String, KeyState> working(Collection<String> wanted) {
    Map<String, KeyState> copies = new HashMap<>();
    for (String key : wanted) {
      CommittedKeyState committed = keys.get(key);
      copies.put(key, committed == null ? KeyState.empty(key) : committed.workingCopy());
    }
    return copies;
  }

  /** The committed dedup memory of the shard. */
  AppliedIdentities identities() {
    return identities;
  }

  /** Every key's committed state, for a snapshot. */
  Collection<CommittedKeyState> keys() {
    return keys.values();
  }

  /** How many keys have state. */
  int size() {
    return keys.size();
  }

  /** Applies what a commit changed (a log entry, or a snapshot over an empty state). */
  void apply(ShardChanges changes) {
    for (ShardChanges.KeyChange change : changes.keys()) {
      if (change.state() == null) {
        keys.remove(change.key());
      } else {
        keys.put(change.key(), change.state());
      }
    }
    if (changes.identities() != null) {
      identities = changes.identities();
    }
  }
}
