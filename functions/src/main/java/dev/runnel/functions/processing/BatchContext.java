package dev.runnel.functions.processing;

import dev.runnel.functions.state.CurrentKey;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.ShardIdentities;
import dev.runnel.functions.batch.InputRecord;
import java.util.Map;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.state.RecordPosition;
import java.util.function.ToLongFunction;

/**
 * What a batch runs against beyond its records. The at-least-once runtime uses {@link #NONE}; the exactly-once
 * runtime gives the loaded key states and the stage's committed position, which output identities carry.
 *
 * @param keyStates the loaded state of every key of the batch (keyed stages), or null
 * @param current   the holder the state handles read through, or null
 * @param identities whether output stream records carry record identities (see docs/exactly-once.md)
 * @param committed  the stage's committed position on this shard, "-" for none
 * @param watermark  the stage's committed watermark, which output identities carry in-band; NONE for none
 * @param watermarkAt the watermark each record is judged against (late or not), which may rise within the batch as
 *                    the watermark markers before the record announce more (docs/time.md); null: {@code watermark}
 * @param shardIdentities for a stage whose state is a state log, the shard's dedup memory, which then replaces the
 *                        keys' own (docs/state-log.md); null otherwise
 */
public record BatchContext(Map<String, KeyState> keyStates, CurrentKey current, boolean identities, String committed,
    long watermark, ToLongFunction<InputRecord> watermarkAt, ShardIdentities shardIdentities) {
  /** No state and no identities: the at-least-once runtime. */
  public static final BatchContext NONE = new BatchContext(null, null, false, "-");

  /** A context whose keys keep their own dedup memory. */
  public BatchContext(Map<String, KeyState> keyStates, CurrentKey current, boolean identities, String committed,
      long watermark, ToLongFunction<InputRecord> watermarkAt) {
    this(keyStates, current, identities, committed, watermark, watermarkAt, null);
  }

  /** A context without a watermark. */
  public BatchContext(Map<String, KeyState> keyStates, CurrentKey current, boolean identities, String committed) {
    this(keyStates, current, identities, committed, Long.MIN_VALUE, null);
  }

  /** A context with one watermark for every record. */
  public BatchContext(Map<String, KeyState> keyStates, CurrentKey current, boolean identities, String committed,
      long watermark) {
    this(keyStates, current, identities, committed, watermark, null);
  }

  /** The watermark {@code input} is judged against. */
  public long watermarkOf(InputRecord input) {
    return watermarkAt == null ? watermark : watermarkAt.applyAsLong(input);
  }

  /** True when {@code upstream} was already applied: by the shard's memory when there is one, else by the key's. */
  public boolean alreadyApplied(KeyState key, RecordIdentity upstream) {
    return upstream != null && (shardIdentities != null ? shardIdentities.isDuplicate(upstream)
        : key.alreadyApplied(upstream));
  }

  /**
   * Marks the record at {@code position} with identity {@code upstream} (or none) applied to {@code key} (null: a
   * record without a key, which only the shard's memory can remember).
   */
  public void applied(KeyState key, RecordPosition position, RecordIdentity upstream) {
    if (shardIdentities != null) {
      if (key != null) {
        key.applied(position, null);
      }
      if (upstream != null) {
        shardIdentities.applied(upstream);
      }
    } else if (key != null) {
      key.applied(position, upstream);
    }
  }

  /** True when records are applied to keyed state. */
  public boolean keyed() {
    return keyStates != null;
  }
}
