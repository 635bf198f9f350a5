package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.statestore.timers.TimerEntry;
import java.util.List;
import java.util.Objects;

/**
 * What one commit changed in a shard's keyed state (a state log entry), or a shard's whole state (a snapshot):
 * docs/state-log.md.
 *
 * @param keys         each changed key's new state, or its removal
 * @param identities   the dedup memory of the producers whose memory the commit changed (each replaces that
 *                     producer's memory), or null when it changed none; in a snapshot, the whole memory
 * @param firedThrough a firing round's times: the shard's timer queue entries at or before them were consumed (event
 *                     time by its watermark, processing time by its processing time); null for a batch. In a
 *                     snapshot, null
 * @param registered   timer queue entries the commit added (window ends and timers its keys registered); in a
 *                     snapshot, the whole queue
 */
record ShardChanges(List<KeyChange> keys, AppliedIdentities identities, FiredThrough firedThrough,
    List<TimerEntry> registered) {
  ShardChanges {
    keys = List.copyOf(keys);
    registered = List.copyOf(registered);
  }

  /** Changes of keys and dedup memory only. */
  ShardChanges(List<KeyChange> keys, AppliedIdentities identities) {
    this(keys, identities, null, List.of());
  }

  /** True when there is nothing to write. */
  boolean isEmpty() {
    return keys.isEmpty() && identities == null && firedThrough == null && registered.isEmpty();
  }

  /**
   * The times a firing round fired through.
   *
   * @param watermark      event-time entries at or before it were due (ShardTime.NONE: none)
   * @param processingTime processing-time entries at or before it were due (ShardTime.NONE: none)
   */
  record FiredThrough(long watermark, long processingTime) {}

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
