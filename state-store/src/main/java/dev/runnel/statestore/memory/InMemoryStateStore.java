package dev.runnel.statestore.memory;

import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.StateWrite;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.WriteOutcome;
import dev.runnel.statestore.item.CapacityUnits;
import dev.runnel.statestore.item.ItemLayout;
import dev.runnel.statestore.item.StateItem;
import dev.runnel.statestore.metering.RequestKind;
import dev.runnel.statestore.metering.RequestMeter;
import dev.runnel.statestore.metering.StateStoreCounters;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link StateStore} contract in memory, thread-safe. It keeps the items the DynamoDB store would keep and counts
 * the requests that store would make, with capacity units estimated by DynamoDB's size rules, so that request and
 * capacity budgets can be asserted without DynamoDB. Expired states stay stored, unreadable, until replaced.
 */
public final class InMemoryStateStore implements StateStore {
  /** Keys per BatchGetItem of heads, as in DynamoDB. */
  static final int HEADS_PER_BATCH = 100;
  /** Chunks per BatchGetItem (40 x 400 KB stays under its 16 MB response limit). */
  static final int CHUNKS_PER_BATCH = 40;

  private final Clock clock;
  private final RequestMeter meter = new RequestMeter();
  private final Map<StateKey, List<StateItem>> items = new HashMap<>();

  /** An empty store whose expiry decisions use the system clock. */
  public InMemoryStateStore() {
    this(Clock.systemUTC());
  }

  /** An empty store whose expiry decisions use {@code clock}. */
  public InMemoryStateStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Map<StateKey, StoredState> load(Collection<StateKey> keys) {
    Set<StateKey> distinct = new LinkedHashSet<>(keys);
    long now = clock.instant().getEpochSecond();
    addRequests(RequestKind.BATCH_GET_ITEM, distinct.size(), HEADS_PER_BATCH);
    Map<StateKey, StoredState> loaded = new HashMap<>();
    int chunksRead = 0;
    for (StateKey key : distinct) {
      List<StateItem> stored = items.get(key);
      if (stored == null) {
        meter.readUnits(CapacityUnits.strongRead(0));
        continue;
      }
      StateItem head = stored.get(0);
      meter.readUnits(CapacityUnits.strongRead(ItemLayout.size(head)));
      meter.itemsRead(1);
      if (head.isExpiredAt(now)) {
        continue;
      }
      byte[] value = head.value();
      if (head.isChunked()) {
        List<StateItem> chunks = stored.subList(1, stored.size());
        chunks.forEach(chunk -> meter.readUnits(CapacityUnits.strongRead(ItemLayout.size(chunk))));
        meter.itemsRead(chunks.size());
        chunksRead += chunks.size();
        value = ItemLayout.assemble(key, head, chunks);
      }
      long expiresAt = head.expiresAt() == null ? 0 : head.expiresAt();
      loaded.put(key, new StoredState(key, head.version(), value, expiresAt));
    }
    addRequests(RequestKind.BATCH_GET_ITEM, chunksRead, CHUNKS_PER_BATCH);
    return loaded;
  }

  @Override
  public WriteOutcome write(List<StateWrite> writes) {
    Map<StateWrite, List<StateItem>> planned = new HashMap<>();
    Set<StateKey> seen = new HashSet<>();
    for (StateWrite write : writes) {
      if (!seen.add(write.key())) {
        throw new IllegalArgumentException("two writes of " + write.key() + " in one call; send one per key");
      }
      planned.put(write, ItemLayout.items(write));
    }
    Set<StateKey> conflicts = new HashSet<>();
    synchronized (this) {
      long now = clock.instant().getEpochSecond();
      for (StateWrite write : writes) {
        if (!apply(write, planned.get(write), now)) {
          conflicts.add(write.key());
          meter.conflict();
        }
      }
    }
    return conflicts.isEmpty() ? WriteOutcome.ALL_WRITTEN : new WriteOutcome(conflicts);
  }

  @Override
  public StateStoreCounters counters() {
    return meter.snapshot();
  }

  /** Applies one write the way the DynamoDB store does, counting its requests; false on a failed condition. */
  private boolean apply(StateWrite write, List<StateItem> newItems, long now) {
    List<StateItem> old = items.getOrDefault(write.key(), List.of());
    StateItem oldHead = old.isEmpty() ? null : old.get(0);
    long oldHeadSize = oldHead == null ? 0 : ItemLayout.size(oldHead);
    boolean live = oldHead != null && !oldHead.isExpiredAt(now);
    boolean holds = write.expectedVersion() == null ? !live : live && write.expectedVersion().equals(oldHead.version());
    boolean transaction = newItems.size() > 1;
    if (transaction) {
      // the DynamoDB store reads the head first and sends no transaction if the condition already fails
      meter.request(RequestKind.GET_ITEM);
      meter.readUnits(CapacityUnits.strongRead(oldHeadSize));
      meter.itemsRead(oldHead == null ? 0 : 1);
      if (!holds) {
        return false;
      }
      meter.request(RequestKind.TRANSACT_WRITE_ITEMS);
    } else {
      meter.request(write.isDelete() ? RequestKind.DELETE_ITEM : RequestKind.PUT_ITEM);
      if (!holds) {
        meter.writeUnits(CapacityUnits.write(oldHeadSize));
        return false;
      }
    }
    if (transaction) {
      meter.writeUnits(transactionUnits(newItems, old));
      meter.itemsWritten(newItems.size());
    } else {
      long newSize = newItems.isEmpty() ? 0 : ItemLayout.size(newItems.get(0));
      if (System.getenv("RUNNEL_PROBE") != null && !newItems.isEmpty()) {
        System.err.println("PROBE " + write.key() + " " + newSize + " " + new String(newItems.get(0).value(), java.nio.charset.StandardCharsets.UTF_8).replace('\n', ' '));
      }
      meter.writeUnits(CapacityUnits.write(Math.max(oldHeadSize, newSize)));
      meter.itemsWritten(write.isDelete() && oldHead == null ? 0 : 1);
    }
    int staleChunks = Math.max(0, old.size() - Math.max(1, newItems.size()));
    for (int i = old.size() - staleChunks; i < old.size(); i++) {
      meter.request(RequestKind.DELETE_ITEM);
      meter.writeUnits(CapacityUnits.write(ItemLayout.size(old.get(i))));
      meter.itemsWritten(1);
    }
    if (write.isDelete()) {
      items.remove(write.key());
    } else {
      items.put(write.key(), List.copyOf(newItems));
    }
    return true;
  }

  /** Twice the write units of each item, each on the larger of its old and new size. */
  private static long transactionUnits(List<StateItem> newItems, List<StateItem> old) {
    long units = 0;
    for (int i = 0; i < newItems.size(); i++) {
      long size = ItemLayout.size(newItems.get(i));
      if (i < old.size() && old.get(i).pk().equals(newItems.get(i).pk())) {
        size = Math.max(size, ItemLayout.size(old.get(i)));
      }
      units += 2 * CapacityUnits.write(size);
    }
    return units;
  }

  private void addRequests(RequestKind kind, int keys, int perRequest) {
    for (int i = 0; i < (keys + perRequest - 1) / perRequest; i++) {
      meter.request(kind);
    }
  }
}
