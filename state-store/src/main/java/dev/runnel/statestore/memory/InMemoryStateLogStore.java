package dev.runnel.statestore.memory;

import dev.runnel.statestore.item.CapacityUnits;
import dev.runnel.statestore.statelog.LogItems;
import dev.runnel.statestore.statelog.StateLogCounters;
import dev.runnel.statestore.statelog.StateLogStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link StateLogStore} contract in memory, thread-safe. It counts the requests and capacity units the DynamoDB
 * store would use, by DynamoDB's rules: a write unit per started KB of each item put or deleted, a strongly
 * consistent read unit per started 4 KB of each item read, BatchWriteItem of 25 items, BatchGetItem of 100, and a
 * Query per started MB of the items it reads (collection reads the shard's sort keys that way).
 */
public final class InMemoryStateLogStore implements StateLogStore {
  /** Items per BatchWriteItem, as in DynamoDB. */
  static final int WRITES_PER_BATCH = 25;
  /** Keys per BatchGetItem, as in DynamoDB. */
  static final int READS_PER_BATCH = 100;
  /** Bytes a Query reads per page, as in DynamoDB. */
  static final int QUERY_PAGE_BYTES = 1 << 20;

  /** The items of one (stage, shard), by sort key: the table's {@code sk}, which orders them by revision. */
  private final Map<String, TreeMap<String, byte[]>> shards = new HashMap<>();
  private long batchWrites;
  private long batchGets;
  private long queries;
  private double readUnits;
  private double writeUnits;
  private long itemsRead;
  private long itemsWritten;
  private long itemsDeleted;

  @Override
  public synchronized void write(String stage, String shard, LogItems items, List<byte[]> parts) {
    Objects.requireNonNull(items, "items");
    if (parts.size() != items.parts()) {
      throw new IllegalArgumentException("log items of " + partitionKey(stage, shard) + " at revision "
          + items.revision() + " name " + items.parts() + " part(s), but " + parts.size() + " were given");
    }
    for (byte[] part : parts) {
      if (part.length > MAX_PART_BYTES) {
        throw new IllegalArgumentException("a state log part holds at most " + MAX_PART_BYTES + " bytes, not "
            + part.length + " (" + partitionKey(stage, shard) + ", revision " + items.revision() + ")");
      }
    }
    String pk = partitionKey(stage, shard);
    TreeMap<String, byte[]> stored = shards.computeIfAbsent(pk, k -> new TreeMap<>());
    batchWrites += (parts.size() + WRITES_PER_BATCH - 1) / WRITES_PER_BATCH;
    for (int i = 0; i < parts.size(); i++) {
      String sk = sortKey(items, i);
      byte[] part = parts.get(i).clone();
      stored.put(sk, part);
      writeUnits += CapacityUnits.write(itemBytes(pk, sk, part.length));
      itemsWritten++;
    }
  }

  @Override
  public synchronized List<byte[]> read(String stage, String shard, List<LogItems> named) {
    String pk = partitionKey(stage, shard);
    TreeMap<String, byte[]> stored = shards.getOrDefault(pk, new TreeMap<>());
    List<byte[]> parts = new ArrayList<>();
    for (LogItems items : named) {
      for (int i = 0; i < items.parts(); i++) {
        String sk = sortKey(items, i);
        byte[] part = stored.get(sk);
        if (part == null) {
          throw new IllegalStateException("the state log of stage " + stage + " shard " + shard + " has no item " + sk + ", which its checkpoint"
              + " names: the state log table lost an item (was it deleted by hand, or restored from an older"
              + " backup than the checkpoint table?)");
        }
        parts.add(part.clone());
        readUnits += CapacityUnits.strongRead(itemBytes(pk, sk, part.length));
        itemsRead++;
      }
    }
    batchGets += (parts.size() + READS_PER_BATCH - 1) / READS_PER_BATCH;
    return parts;
  }

  @Override
  public synchronized int collect(String stage, String shard, long upTo, Collection<LogItems> named) {
    String pk = partitionKey(stage, shard);
    TreeMap<String, byte[]> stored = shards.get(pk);
    Set<String> kept = new HashSet<>();
    for (LogItems items : named) {
      for (int i = 0; i < items.parts(); i++) {
        kept.add(sortKey(items, i));
      }
    }
    long scanned = 0;
    long page = 0;
    queries++;
    int deleted = 0;
    if (stored != null) {
      for (Iterator<Map.Entry<String, byte[]>> it = stored.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, byte[]> item = it.next();
        long size = itemBytes(pk, item.getKey(), item.getValue().length);
        if (page + size > QUERY_PAGE_BYTES) {
          readUnits += CapacityUnits.strongRead(page);
          queries++;
          page = 0;
        }
        page += size;
        scanned++;
        if (revisionOf(item.getKey()) <= upTo && !kept.contains(item.getKey())) {
          it.remove();
          writeUnits += CapacityUnits.write(size);
          itemsDeleted++;
          deleted++;
        }
      }
    }
    readUnits += CapacityUnits.strongRead(page);
    itemsRead += scanned;
    batchWrites += (deleted + WRITES_PER_BATCH - 1) / WRITES_PER_BATCH;
    return deleted;
  }

  @Override
  public synchronized StateLogCounters counters() {
    return new StateLogCounters(batchWrites, batchGets, queries, readUnits, writeUnits, itemsRead, itemsWritten,
        itemsDeleted);
  }

  /** How many items ({@code stage}, {@code shard}) has stored, for tests. */
  public synchronized int itemCount(String stage, String shard) {
    TreeMap<String, byte[]> stored = shards.get(partitionKey(stage, shard));
    return stored == null ? 0 : stored.size();
  }

  private static String partitionKey(String stage, String shard) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(shard, "shard");
    return stage + "|" + shard;
  }

  /** {@code e|<revision, 19 digits>|<attempt>|<part>} or {@code s|...} (docs/state-log.md). */
  private static String sortKey(LogItems items, int part) {
    return (items.kind() == LogItems.Kind.ENTRY ? "e|" : "s|") + String.format("%019d", items.revision()) + "|"
        + items.attempt() + "|" + part;
  }

  private static long revisionOf(String sortKey) {
    return Long.parseLong(sortKey.substring(2, 21));
  }

  /** An item's size as DynamoDB counts it: attribute names and values ({@code pk}, {@code sk}, {@code v}). */
  private static long itemBytes(String pk, String sk, int valueBytes) {
    return 2 + pk.getBytes(StandardCharsets.UTF_8).length + 2 + sk.length() + 1 + valueBytes;
  }
}
