package dev.runnel.functions.state;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.checkpointing.identity.SequenceNumberOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeSet;
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
   * What the batch added to the memory, for the producers it changed alone (null when none): per producer its
   * watermark now and the identities remembered now that were not before. A log entry carries this, so each identity
   * is written once, however many batches a producer's memory lives through; {@link #merged} applies it.
   */
  public AppliedIdentities changedProducers() {
    if (memory == committed) {
      return null;
    }
    Map<String, AppliedIdentities.ProducerData> before = new HashMap<>();
    committed.data().producers().forEach(producer -> before.put(producer.producer(), producer));
    List<AppliedIdentities.ProducerData> changed = new ArrayList<>();
    for (AppliedIdentities.ProducerData producer : memory.data().producers()) {
      AppliedIdentities.ProducerData old = before.get(producer.producer());
      if (producer.equals(old)) {
        continue;
      }
      Set<Applied> known = old == null ? Set.of() : applied(old);
      Map<String, List<Long>> added = new LinkedHashMap<>();
      for (AppliedIdentities.AppliedData data : producer.applied()) {
        for (long index : data.indexes()) {
          if (!known.contains(new Applied(data.sequenceNumber(), index))) {
            added.computeIfAbsent(data.sequenceNumber(), seq -> new ArrayList<>()).add(index);
          }
        }
      }
      List<AppliedIdentities.AppliedData> addedData = new ArrayList<>();
      added.forEach((seq, indexes) -> addedData.add(new AppliedIdentities.AppliedData(seq, indexes)));
      changed.add(new AppliedIdentities.ProducerData(producer.producer(), producer.watermark(), addedData));
    }
    return changed.isEmpty() ? null : AppliedIdentities.from(new AppliedIdentities.Data(changed));
  }

  /**
   * {@code memory} after {@code changed}, what {@link #changedProducers} (or a whole memory) holds: per producer of
   * {@code changed}, its watermark, and the identities remembered before or added, above that watermark.
   */
  public static AppliedIdentities merged(AppliedIdentities memory, AppliedIdentities changed) {
    Map<String, AppliedIdentities.ProducerData> producers = new TreeMap<>();
    memory.data().producers().forEach(producer -> producers.put(producer.producer(), producer));
    for (AppliedIdentities.ProducerData delta : changed.data().producers()) {
      AppliedIdentities.ProducerData old = producers.get(delta.producer());
      TreeMap<String, TreeSet<Long>> all = new TreeMap<>(SequenceNumberOrder::compare);
      for (AppliedIdentities.ProducerData data : old == null ? List.of(delta) : List.of(old, delta)) {
        for (AppliedIdentities.AppliedData applied : data.applied()) {
          if (delta.watermark() == null || SequenceNumberOrder.compare(applied.sequenceNumber(), delta.watermark()) > 0) {
            all.computeIfAbsent(SequenceNumberOrder.canonical(applied.sequenceNumber()), seq -> new TreeSet<>())
                .addAll(applied.indexes());
          }
        }
      }
      List<AppliedIdentities.AppliedData> kept = new ArrayList<>();
      all.forEach((seq, indexes) -> kept.add(new AppliedIdentities.AppliedData(seq, new ArrayList<>(indexes))));
      producers.put(delta.producer(), new AppliedIdentities.ProducerData(delta.producer(), delta.watermark(), kept));
    }
    return AppliedIdentities.from(new AppliedIdentities.Data(new ArrayList<>(producers.values())));
  }

  /**
   * Two shards' memories as one (a child shard adopting its parents'): per producer the higher watermark and the
   * identities either remembers above it. A copy of an identity either parent applied is then a duplicate here.
   */
  public static AppliedIdentities union(AppliedIdentities a, AppliedIdentities b) {
    AppliedIdentities all = a;
    for (AppliedIdentities.ProducerData producer : b.data().producers()) {
      String mine = a.watermark(producer.producer()).orElse(null);
      String higher = mine == null ? producer.watermark() : producer.watermark() == null ? mine
          : SequenceNumberOrder.compare(mine, producer.watermark()) >= 0 ? mine : producer.watermark();
      List<AppliedIdentities.AppliedData> above = producer.applied().stream().filter(applied -> higher == null
          || SequenceNumberOrder.compare(applied.sequenceNumber(), higher) > 0).toList();
      all = merged(all, AppliedIdentities.from(new AppliedIdentities.Data(List.of(new AppliedIdentities.ProducerData(
          producer.producer(), higher, above)))));
    }
    return all;
  }

  private static Set<Applied> applied(AppliedIdentities.ProducerData producer) {
    Set<Applied> applied = new HashSet<>();
    for (AppliedIdentities.AppliedData data : producer.applied()) {
      data.indexes().forEach(index -> applied.add(new Applied(data.sequenceNumber(), index)));
    }
    return applied;
  }

  /** One remembered identity of a producer. */
  private record Applied(String sequenceNumber, long index) {}
}
