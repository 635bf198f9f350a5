package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.sourceid.IdHash;
import dev.runnel.checkpointing.sourceid.IdSegment;
import dev.runnel.checkpointing.sourceid.IdSegmentStore;
import dev.runnel.checkpointing.sourceid.SeenIds;
import dev.runnel.checkpointing.sourceid.SeenIdsLoader;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.output.KeyField;
import dev.runnel.functions.processing.DecodedRecord;
import dev.runnel.plan.SourceIdSpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops the later copies of a producer's records in a stage reading a source with {@code @Source(idField)}
 * (docs/exactly-once.md, "Producer retries"): before the operators run, each record whose id the shard has seen
 * within the window is set aside and counted as skipped; before the checkpoint commits, the batch's first copies
 * are written as one segment and kept in the warm memory. The memory is valid while it covers the committed
 * checkpoint, and is rebuilt from the segments otherwise, so no cache flag needs resetting after a failure.
 */
public final class ProducerCopies {
  /** For a stage whose input has no id field: every record is distinct. */
  public static final ProducerCopies NONE = new ProducerCopies(null, null, null, null, null);

  /** Shards whose memory a warm instance keeps; Lambda mostly gives an environment one shard. */
  private static final int WARM_SHARDS = 4;

  private final String stage;
  private final SourceIdSpec ids;
  private final KeyField idField;
  private final IdSegmentStore segments;
  private final SeenIdsLoader loader;
  private final Map<String, SeenIds> warm = new LinkedHashMap<>(8, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, SeenIds> eldest) {
      return size() > WARM_SHARDS;
    }
  };

  /**
   * The copies step of {@code stage}.
   *
   * @param ids      the source's id field and window
   * @param idField  reads the id of a decoded record
   * @param segments where each batch's first copies are written
   * @param loader   rebuilds a shard's memory from its segments (and its parents')
   */
  public ProducerCopies(String stage, SourceIdSpec ids, KeyField idField, IdSegmentStore segments,
      SeenIdsLoader loader) {
    this.stage = stage;
    this.ids = ids;
    this.idField = idField;
    this.segments = segments;
    this.loader = loader;
  }

  /**
   * Step 2b: sorts the decoded records of a batch after checkpoint {@code checkpoint} (null: none) into first copies,
   * which run, and later copies, which are dropped. Records that failed to decode or have no id run as distinct.
   * The checkpoint-table reads of a rebuild, and later the segment write, are added to {@code counts}.
   */
  Sorted sort(String shard, Checkpoint checkpoint, List<DecodedRecord> decoded, BatchCounts counts) {
    if (ids == null) {
      return new Sorted(decoded, List.of(), null, null, null, counts);
    }
    String committed = checkpoint == null ? null : checkpoint.position();
    SeenIds memory = warm.get(shard);
    if (memory == null || !memory.covers(committed)) {
      long before = loader.requests();
      memory = loader.load(stage, shard, committed, ids.windowMillis());
      counts.checkpointRequests += loader.requests() - before;
      warm.put(shard, memory);
    }
    memory.committed(committed);
    SeenIds.Batch batch = memory.batch();
    List<DecodedRecord> first = new ArrayList<>(decoded.size());
    List<DecodedRecord> copies = new ArrayList<>();
    for (DecodedRecord record : decoded) {
      InputRecord input = record.input();
      String id = record.isFailed() ? null : idOf(record.value());
      if (id == null) {
        batch.withoutId(input.arrivalMillis());
        first.add(record);
      } else if (batch.isCopy(IdHash.of(id), input.sequenceNumber(), input.arrivalMillis())) {
        copies.add(record);
      } else {
        first.add(record);
      }
    }
    return new Sorted(first, copies, batch, shard, committed, counts);
  }

  private String idOf(Object value) {
    try {
      Object id = idField.valueOf(value);
      return id == null ? null : id.toString();
    } catch (Throwable e) {
      return null; // an accessor that throws gives no id: the record runs as distinct
    }
  }

  /** A batch sorted into first and later copies; {@link #remember(String)} stores its first copies. */
  final class Sorted {
    private final List<DecodedRecord> firstCopies;
    private final List<DecodedRecord> copies;
    private final SeenIds.Batch batch;
    private final String shard;
    private final String from;
    private final BatchCounts counts;

    private Sorted(List<DecodedRecord> firstCopies, List<DecodedRecord> copies, SeenIds.Batch batch, String shard,
        String from, BatchCounts counts) {
      this.counts = counts;
      this.firstCopies = firstCopies;
      this.copies = copies;
      this.batch = batch;
      this.shard = shard;
      this.from = from;
    }

    /** The records that run: every record but the later copies. */
    List<DecodedRecord> firstCopies() {
      return firstCopies;
    }

    /** {@code processed} with the later copies put back in input order, emitting nothing, counted as skipped. */
    ProcessedBatch withCopiesSkipped(ProcessedBatch processed) {
      if (copies.isEmpty()) {
        return processed;
      }
      Set<InputRecord> dropped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      copies.forEach(copy -> dropped.add(copy.input()));
      List<ProcessedRecord> records = new ArrayList<>(processed.records().size() + copies.size());
      int next = 0;
      List<ProcessedRecord> ran = processed.records();
      for (DecodedRecord record : mergedInputOrder()) {
        if (dropped.contains(record.input())) {
          records.add(ProcessedRecord.emitted(record.input(), List.of()));
        } else {
          records.add(ran.get(next++));
        }
      }
      records.addAll(ran.subList(next, ran.size()));
      return new ProcessedBatch(records, processed.filteredOut(), processed.skipped() + copies.size());
    }

    private List<DecodedRecord> mergedInputOrder() {
      List<DecodedRecord> all = new ArrayList<>(firstCopies.size() + copies.size());
      all.addAll(firstCopies);
      all.addAll(copies);
      all.sort(java.util.Comparator.comparing(r -> new java.math.BigInteger(r.input().sequenceNumber())));
      return all;
    }

    /**
     * Step 5b, before the checkpoint commits at {@code to}: writes the batch's segment (always, even without new ids:
     * it links the chain), then keeps the first copies in the warm memory.
     */
    void remember(String to) {
      if (batch == null) {
        return;
      }
      counts.checkpointRequests++;
      segments.write(new IdSegment(stage, shard, to, from, batch.newestArrival(), batch.firstCopies()));
      batch.keep(to);
    }
  }
}
