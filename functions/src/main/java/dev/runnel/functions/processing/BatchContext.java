package dev.runnel.functions.processing;

import dev.runnel.functions.state.CurrentKey;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.batch.InputRecord;
import java.util.Map;
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
 */
public record BatchContext(Map<String, KeyState> keyStates, CurrentKey current, boolean identities, String committed,
    long watermark, ToLongFunction<InputRecord> watermarkAt) {
  /** No state and no identities: the at-least-once runtime. */
  public static final BatchContext NONE = new BatchContext(null, null, false, "-");

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

  /** True when records are applied to keyed state. */
  public boolean keyed() {
    return keyStates != null;
  }
}
