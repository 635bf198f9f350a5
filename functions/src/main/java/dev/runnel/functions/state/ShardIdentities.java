package dev.runnel.functions.state;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.Objects;

/**
 * The dedup memory of a whole shard while one batch runs, for a stage whose keyed state is a state log
 * (docs/state-log.md, "Dedup memory per shard"): the upstream identities applied by any key of the shard. The
 * committed memory it started from stays untouched; {@link #memory()} is what the batch leaves.
 */
public final class ShardIdentities {
  private final AppliedIdentities committed;
  private AppliedIdentities memory;

  /** The working memory of a batch that starts from {@code committed}. */
  public ShardIdentities(AppliedIdentities committed) {
    this.committed = Objects.requireNonNull(committed, "committed");
    this.memory = committed;
  }

  /** True if an upstream record with this identity was already applied in this shard, or must be a copy. */
  public boolean isDuplicate(RecordIdentity identity) {
    return memory.isDuplicate(identity);
  }

  /** Remembers {@code identity} as applied (a record judged poison counts as applied too). */
  public void applied(RecordIdentity identity) {
    memory = memory.with(identity);
  }

  /** The memory now. */
  public AppliedIdentities memory() {
    return memory;
  }

  /** True when the batch changed the memory, so its log entry must carry it. */
  public boolean changed() {
    return memory != committed && !memory.equals(committed);
  }
}
