package dev.runnel.statestore.statelog;

/**
 * What a state log store has asked of DynamoDB so far (for the in-memory store: what it would have asked).
 *
 * @param batchWriteItemRequests BatchWriteItem calls, resends of unprocessed items included
 * @param batchGetItemRequests   BatchGetItem calls, resends of unprocessed keys included
 * @param queryRequests          Query calls, every page counted
 * @param readCapacityUnits      read units consumed
 * @param writeCapacityUnits     write units consumed (deletes included)
 * @param itemsRead              items returned by reads
 * @param itemsWritten           items put
 * @param itemsDeleted           items deleted
 */
public record StateLogCounters(long batchWriteItemRequests, long batchGetItemRequests, long queryRequests,
    double readCapacityUnits, double writeCapacityUnits, long itemsRead, long itemsWritten, long itemsDeleted) {

  /** Nothing done yet. */
  public static final StateLogCounters ZERO = new StateLogCounters(0, 0, 0, 0, 0, 0, 0, 0);

  /** All requests. */
  public long requests() {
    return batchWriteItemRequests + batchGetItemRequests + queryRequests;
  }
}
