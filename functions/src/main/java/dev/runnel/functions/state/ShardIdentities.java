package dev.runnel.functions.state;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.dedup.WorkingIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;

/**
 * The dedup memory of a whole shard while one batch runs, for a stage whose keyed state is a state log
 * (docs/state-log.md, "Dedup memory per shard"): the upstream identities applied by any key of the shard. The
 * committed memory it started from stays untouched; {@link #memory()} is what the batch leaves.
 */
public final class ShardIdentities {
  private final WorkingIdentities memory;

  /** The working memory of a batch that starts from {@code committed}. */
  public ShardIdentities(AppliedIdentities committed) {
    this.memory = new WorkingIdentities(committed);
  }

  /** True if an upstream record with this identity was already applied in this shard, or must be a copy. */
  public boolean isDuplicate(RecordIdentity identity) {
    return memory.isDuplicate(identity);
  }

  /** Remembers {@code identity} as applied (a record judged poison counts as applied too). */
  public void applied(RecordIdentity identity) {
    memory.applied(identity);
  }

  /** The memory now. */
  public AppliedIdentities memory() {
    return memory.memory();
  }

  /** True when the batch changed the memory, so its log entry must carry it. */
  public boolean changed() {
    return memory.changed();
  }

  /**
   * What the batch added to the memory, for the producers it changed alone (null when none): per producer its
   * watermark now and the identities remembered now that were not before. A log entry carries this, so each identity
   * is written once, however many batches a producer's memory lives through; {@link #merged} applies it.
   */
  public AppliedIdentities changedProducers() {
    AppliedIdentities changes = memory.changes();
    return changes.isEmpty() ? null : changes;
  }

  /**
   * {@code memory} after {@code changed}, what {@link #changedProducers} (or a whole memory) holds: per producer of
   * {@code changed}, its watermark, and the identities remembered before or added, above that watermark.
   */
  public static AppliedIdentities merged(AppliedIdentities memory, AppliedIdentities changed) {
    return memory.plus(changed);
  }

  /**
   * Two shards' memories as one (a child shard adopting its parents'): per producer the higher watermark and the
   * identities either remembers above it. A copy of an identity either parent applied is then a duplicate here.
   */
  public static AppliedIdentities union(AppliedIdentities a, AppliedIdentities b) {
    return a.plus(b);
  }
}
