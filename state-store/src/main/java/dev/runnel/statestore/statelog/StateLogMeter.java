package dev.runnel.statestore.statelog;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A thread-safe running count of a DynamoDB state log store's requests, units and items, read as
 * {@link StateLogCounters} (it sends no BatchGetItem: reads are Queries).
 */
final class StateLogMeter {
  private final LongAdder batchWriteItem = new LongAdder();
  private final LongAdder query = new LongAdder();
  private final DoubleAdder readUnits = new DoubleAdder();
  private final DoubleAdder writeUnits = new DoubleAdder();
  private final LongAdder itemsRead = new LongAdder();
  private final LongAdder itemsWritten = new LongAdder();
  private final LongAdder itemsDeleted = new LongAdder();

  void batchWriteItems(long requests) {
    batchWriteItem.add(requests);
  }

  void queries(long requests) {
    query.add(requests);
  }

  void readUnits(double units) {
    readUnits.add(units);
  }

  void writeUnits(double units) {
    writeUnits.add(units);
  }

  void itemsRead(long items) {
    itemsRead.add(items);
  }

  void itemsWritten(long items) {
    itemsWritten.add(items);
  }

  void itemsDeleted(long items) {
    itemsDeleted.add(items);
  }

  StateLogCounters snapshot() {
    return new StateLogCounters(batchWriteItem.sum(), 0, query.sum(), readUnits.sum(),
        writeUnits.sum(), itemsRead.sum(), itemsWritten.sum(), itemsDeleted.sum());
  }
}
