package dev.runnel.functions.state;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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

  /**
   * The memory of the producers whose memory the batch changed, and of those alone (null when none changed): what a
   * log entry carries, since a batch usually hears from few of the shard's producers.
   */
  public AppliedIdentities changedProducers() {
    if (memory == committed) {
      return null;
    }
    Map<String, AppliedIdentities.ProducerData> before = new HashMap<>();
    committed.data().producers().forEach(producer -> before.put(producer.producer(), producer));
    List<AppliedIdentities.ProducerData> changed = new ArrayList<>();
    for (AppliedIdentities.ProducerData producer : memory.data().producers()) {
      if (!producer.equals(before.get(producer.producer()))) {
        changed.add(producer);
      }
    }
    return changed.isEmpty() ? null : AppliedIdentities.from(new AppliedIdentities.Data(changed));
  }

  /** {@code memory} with the producers of {@code changed} replaced by theirs (a log entry applied to a memory). */
  public static AppliedIdentities merged(AppliedIdentities memory, AppliedIdentities changed) {
    Map<String, AppliedIdentities.ProducerData> producers = new TreeMap<>();
    memory.data().producers().forEach(producer -> producers.put(producer.producer(), producer));
    changed.data().producers().forEach(producer -> producers.put(producer.producer(), producer));
    return AppliedIdentities.from(new AppliedIdentities.Data(new ArrayList<>(producers.values())));
  }
}
