package dev.runnel.statestore.metering;

/**
 * A snapshot of what a state store has done: requests by kind, capacity units consumed, items and conflicts.
 *
 * @param batchGetItemRequests       BatchGetItem calls, retries of unprocessed keys included
 * @param getItemRequests            GetItem calls (chunked writes only)
 * @param putItemRequests            PutItem calls
 * @param deleteItemRequests         DeleteItem calls
 * @param transactWriteItemsRequests TransactWriteItems calls
 * @param readCapacityUnits          read units consumed (as DynamoDB reported them, or estimated by its size rules)
 * @param writeCapacityUnits         write units consumed (idem; for failed conditions always estimated)
 * @param itemsRead                  items returned by reads, chunks included
 * @param itemsWritten               items put or deleted, chunks included
 * @param conflicts                  keys whose version condition failed
 */
public record StateStoreCounters(long batchGetItemRequests, long getItemRequests, long putItemRequests,
    long deleteItemRequests, long transactWriteItemsRequests, double readCapacityUnits, double writeCapacityUnits,
    long itemsRead, long itemsWritten, long conflicts) {

  /** Nothing done yet. */
  public static final StateStoreCounters ZERO = new StateStoreCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** All requests of every kind. */
  public long requests() {
    return batchGetItemRequests + getItemRequests + putItemRequests + deleteItemRequests + transactWriteItemsRequests;
  }

  /** Write requests of every kind (PutItem, DeleteItem, TransactWriteItems). */
  public long writeRequests() {
    return putItemRequests + deleteItemRequests + transactWriteItemsRequests;
  }

  /** The requests of one kind. */
  public long requests(RequestKind kind) {
    return switch (kind) {
      case BATCH_GET_ITEM -> batchGetItemRequests;
      case GET_ITEM -> getItemRequests;
      case PUT_ITEM -> putItemRequests;
      case DELETE_ITEM -> deleteItemRequests;
      case TRANSACT_WRITE_ITEMS -> transactWriteItemsRequests;
    };
  }

  /** What happened between {@code earlier} and this snapshot. */
  public StateStoreCounters minus(StateStoreCounters earlier) {
    return new StateStoreCounters(batchGetItemRequests - earlier.batchGetItemRequests,
        getItemRequests - earlier.getItemRequests, putItemRequests - earlier.putItemRequests,
        deleteItemRequests - earlier.deleteItemRequests,
        transactWriteItemsRequests - earlier.transactWriteItemsRequests,
        readCapacityUnits - earlier.readCapacityUnits, writeCapacityUnits - earlier.writeCapacityUnits,
        itemsRead - earlier.itemsRead, itemsWritten - earlier.itemsWritten, conflicts - earlier.conflicts);
  }

  /** Both together. */
  public StateStoreCounters plus(StateStoreCounters other) {
    return new StateStoreCounters(batchGetItemRequests + other.batchGetItemRequests,
        getItemRequests + other.getItemRequests, putItemRequests + other.putItemRequests,
        deleteItemRequests + other.deleteItemRequests,
        transactWriteItemsRequests + other.transactWriteItemsRequests,
        readCapacityUnits + other.readCapacityUnits, writeCapacityUnits + other.writeCapacityUnits,
        itemsRead + other.itemsRead, itemsWritten + other.itemsWritten, conflicts + other.conflicts);
  }
}
