package dev.runnel.functions.output;

/**
 * What writing cost, in service calls.
 *
 * @param putRecordsCalls          PutRecords requests sent
 * @param putRecordsEntriesRetried entries resent after a per-entry failure or a failed call
 * @param batchWriteItemCalls      BatchWriteItem requests sent (sinks and dead letters)
 */
public record WriteStats(long putRecordsCalls, long putRecordsEntriesRetried, long batchWriteItemCalls) {
  /** No calls. */
  public static final WriteStats NONE = new WriteStats(0, 0, 0);

  /** The sum of both. */
  public WriteStats plus(WriteStats other) {
    return new WriteStats(putRecordsCalls + other.putRecordsCalls,
        putRecordsEntriesRetried + other.putRecordsEntriesRetried, batchWriteItemCalls + other.batchWriteItemCalls);
  }
}
