package dev.runnel.statestore.metering;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A thread-safe running count of a store's requests, capacity units, items and conflicts. */
public final class RequestMeter {
  private final Map<RequestKind, LongAdder> requests = new EnumMap<>(RequestKind.class);
  private final DoubleAdder readUnits = new DoubleAdder();
  private final DoubleAdder writeUnits = new DoubleAdder();
  private final LongAdder itemsRead = new LongAdder();
  private final LongAdder itemsWritten = new LongAdder();
  private final LongAdder conflicts = new LongAdder();

  /** A meter at zero. */
  public RequestMeter() {
    for (RequestKind kind : RequestKind.values()) {
      requests.put(kind, new LongAdder());
    }
  }

  /** Counts one request of {@code kind}. */
  public void request(RequestKind kind) {
    requests.get(kind).increment();
  }

  /** Adds consumed read units. */
  public void readUnits(double units) {
    readUnits.add(units);
  }

  /** Adds consumed write units. */
  public void writeUnits(double units) {
    writeUnits.add(units);
  }

  /** Adds items returned by a read. */
  public void itemsRead(long items) {
    itemsRead.add(items);
  }

  /** Adds items put or deleted. */
  public void itemsWritten(long items) {
    itemsWritten.add(items);
  }

  /** Counts one key whose condition failed. */
  public void conflict() {
    conflicts.increment();
  }

  /** The counts so far. */
  public StateStoreCounters snapshot() {
    return new StateStoreCounters(count(RequestKind.BATCH_GET_ITEM), count(RequestKind.GET_ITEM),
        count(RequestKind.PUT_ITEM), count(RequestKind.DELETE_ITEM), count(RequestKind.TRANSACT_WRITE_ITEMS),
        readUnits.sum(), writeUnits.sum(), itemsRead.sum(), itemsWritten.sum(), conflicts.sum());
  }

  private long count(RequestKind kind) {
    return requests.get(kind).sum();
  }
}
