package dev.runnel.checkpointing.dedup;

import dev.runnel.checkpointing.dedup.AppliedIdentities.Entry;
import dev.runnel.checkpointing.dedup.AppliedIdentities.ProducerMemory;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.checkpointing.identity.SequenceNumberOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A dedup memory while one batch applies records to it: the committed {@link AppliedIdentities} it started from, which
 * stays untouched, and what the batch added, kept apart in hash sets. Answers exactly as the memory that {@link
 * AppliedIdentities#with} would build record by record, without copying the memory per record: a shard's memory holds
 * every output of its producers not yet committed, thousands of identities, where a key's holds a few.
 */
public final class WorkingIdentities {
  private final AppliedIdentities committed;
  private final Map<String, Added> added = new HashMap<>();
  /** {@link #changes()} since the last change, or null. */
  private AppliedIdentities changes;

  /** The working memory of a batch that starts from {@code committed}. */
  public WorkingIdentities(AppliedIdentities committed) {
    this.committed = Objects.requireNonNull(committed, "committed");
  }

  /** What {@link AppliedIdentities#isDuplicate} answers for the memory as the batch has left it so far. */
  public boolean isDuplicate(RecordIdentity id) {
    Added producer = added.get(id.producer());
    if (producer != null) {
      if (producer.watermark != null && SequenceNumberOrder.compare(id.sequenceNumber(), producer.watermark) <= 0) {
        return true;
      }
      if (producer.entries.contains(entry(id))) {
        return true;
      }
    }
    return committed.isDuplicate(id);
  }

  /** Remembers {@code id} as applied, as {@link AppliedIdentities#with} does. */
  public void applied(RecordIdentity id) {
    String name = id.producer();
    Added producer = added.get(name);
    String mark = producer != null && producer.watermark != null ? producer.watermark
        : committed.producer(name).watermark;
    Entry entry = entry(id);
    boolean covered = mark != null && SequenceNumberOrder.compare(entry.sequenceNumber(), mark) <= 0;
    String raisedTo = id.committed().equals(RecordIdentity.NOTHING_COMMITTED) ? null
        : SequenceNumberOrder.canonical(id.committed());
    boolean raises = raisedTo != null && (mark == null || SequenceNumberOrder.compare(raisedTo, mark) > 0);
    boolean adds = !covered && !committed.contains(id);
    if (!adds && !raises) {
      return;
    }
    changes = null;
    if (producer == null) {
      producer = new Added();
      added.put(name, producer);
    }
    if (adds) {
      producer.entries.add(entry);
    }
    if (raises) {
      producer.watermark = raisedTo;
    }
  }

  /** True when the batch changed the memory. */
  public boolean changed() {
    return !changes().isEmpty();
  }

  /**
   * What the batch added, for the producers it changed alone: per producer its watermark now and the identities
   * remembered now that were not before. {@code committed.plus(changes())} is {@link #memory()}.
   */
  public AppliedIdentities changes() {
    if (changes == null) {
      changes = changesNow();
    }
    return changes;
  }

  private AppliedIdentities changesNow() {
    TreeMap<String, ProducerMemory> producers = new TreeMap<>();
    added.forEach((name, producer) -> {
      ProducerMemory before = committed.producer(name);
      String mark = producer.watermark != null ? producer.watermark : before.watermark;
      List<Entry> kept = new ArrayList<>(producer.entries.size());
      for (Entry entry : producer.entries) {
        if (mark == null || SequenceNumberOrder.compare(entry.sequenceNumber(), mark) > 0) {
          kept.add(entry);
        }
      }
      boolean raised = producer.watermark != null;
      if (raised || !kept.isEmpty()) {
        Collections.sort(kept);
        producers.put(name, new ProducerMemory(kept.toArray(new Entry[0]), mark));
      }
    });
    return AppliedIdentities.of(producers);
  }

  /** The memory the batch leaves. */
  public AppliedIdentities memory() {
    return committed.plus(changes());
  }

  /** The committed memory the batch started from. */
  public AppliedIdentities committed() {
    return committed;
  }

  private static Entry entry(RecordIdentity id) {
    return new Entry(SequenceNumberOrder.canonical(id.sequenceNumber()), id.index());
  }

  /** What the batch added for one producer: a raised watermark (null: not raised) and identities. */
  private static final class Added {
    String watermark;
    final Set<Entry> entries = new HashSet<>();
  }
}
