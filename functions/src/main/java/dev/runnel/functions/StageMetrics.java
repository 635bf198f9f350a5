package dev.runnel.functions;

import dev.runnel.functions.requests.ServiceRequests;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Cumulative counters of one handler instance, as a snapshot. Sum snapshots with {@link #plus(StageMetrics)}.
 *
 * @param invocations              batches handled
 * @param recordsIn                input records received
 * @param recordsOut               records written to each output, by output name, counted when written: also those of
 *                                 an invocation that failed afterwards (records that went to the dead letters emit
 *                                 nothing; a retried batch counts again what it writes again)
 * @param filteredOut              records dropped by filters
 * @param deadLettered             input records sent to the dead letters
 * @param putRecordsCalls          PutRecords calls
 * @param putRecordsEntriesRetried PutRecords entries resent after a failure
 * @param batchWriteItemCalls      BatchWriteItem calls (sink tables and dead letters)
 * @param skipped                  records skipped by the exactly-once protocol: redelivered, already applied to
 *                                 their key, or duplicates of an upstream record already applied
 * @param stateRequests            DynamoDB requests for keyed state (reads and conditional writes)
 * @param stateWrites              keyed-state write requests: one per distinct key changed in a batch
 * @param stateWriteUnits          write capacity units those state writes consumed
 * @param checkpointRequests       requests to the checkpoint table (reads and conditional commits, id segments)
 * @param ticks                    ticks handled (invocations without records that advance time, per shard)
 * @param fired                    records emitted by windows and timers firing in rounds (also in recordsOut)
 * @param requests                 every request the instance's SDK clients sent, by service, operation and table or
 *                                 stream, retries included, with the capacity units DynamoDB reported: what the bill
 *                                 counts (the counts above are the protocol's own view). Counted by the clients'
 *                                 {@link dev.runnel.functions.requests.RequestCounter}, so {@link
 *                                 StageHandler#metrics()} leaves it empty and the clients' owner adds it
 */
public record StageMetrics(long invocations, long recordsIn, Map<String, Long> recordsOut, long filteredOut,
    long deadLettered, long putRecordsCalls, long putRecordsEntriesRetried, long batchWriteItemCalls, long skipped,
    long stateRequests, long stateWrites, double stateWriteUnits, long checkpointRequests, long ticks, long fired,
    ServiceRequests requests) {

  /** All zero. */
  public static final StageMetrics ZERO = new StageMetrics(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public StageMetrics {
    recordsOut = Map.copyOf(recordsOut);
    requests = Objects.requireNonNullElse(requests, ServiceRequests.NONE);
  }

  /** Counters without requests counted by clients. */
  public StageMetrics(long invocations, long recordsIn, Map<String, Long> recordsOut, long filteredOut,
      long deadLettered, long putRecordsCalls, long putRecordsEntriesRetried, long batchWriteItemCalls, long skipped,
      long stateRequests, long stateWrites, double stateWriteUnits, long checkpointRequests, long ticks, long fired) {
    this(invocations, recordsIn, recordsOut, filteredOut, deadLettered, putRecordsCalls, putRecordsEntriesRetried,
        batchWriteItemCalls, skipped, stateRequests, stateWrites, stateWriteUnits, checkpointRequests, ticks, fired,
        ServiceRequests.NONE);
  }

  /** The same counters with {@code counted} added to the requests. */
  public StageMetrics plusRequests(ServiceRequests counted) {
    return new StageMetrics(invocations, recordsIn, recordsOut, filteredOut, deadLettered, putRecordsCalls,
        putRecordsEntriesRetried, batchWriteItemCalls, skipped, stateRequests, stateWrites, stateWriteUnits,
        checkpointRequests, ticks, fired, requests.plus(counted));
  }

  /** Records emitted to {@code output}, 0 when none. */
  public long recordsOut(String output) {
    return recordsOut.getOrDefault(output, 0L);
  }

  /** What happened between {@code earlier} and this later snapshot of the same counters, e.g. in one invocation. */
  public StageMetrics minus(StageMetrics earlier) {
    Map<String, Long> out = new TreeMap<>(recordsOut);
    earlier.recordsOut.forEach((name, count) -> out.merge(name, -count, Long::sum));
    out.values().removeIf(count -> count == 0);
    return new StageMetrics(invocations - earlier.invocations, recordsIn - earlier.recordsIn, out,
        filteredOut - earlier.filteredOut, deadLettered - earlier.deadLettered,
        putRecordsCalls - earlier.putRecordsCalls, putRecordsEntriesRetried - earlier.putRecordsEntriesRetried,
        batchWriteItemCalls - earlier.batchWriteItemCalls, skipped - earlier.skipped,
        stateRequests - earlier.stateRequests, stateWrites - earlier.stateWrites,
        stateWriteUnits - earlier.stateWriteUnits, checkpointRequests - earlier.checkpointRequests,
        ticks - earlier.ticks, fired - earlier.fired, requests.minus(earlier.requests));
  }

  /** All records written to any output. */
  public long totalOut() {
    return recordsOut.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The sum of both snapshots, e.g. over the handler instances of one stage. */
  public StageMetrics plus(StageMetrics other) {
    Map<String, Long> out = new TreeMap<>(recordsOut);
    other.recordsOut.forEach((name, count) -> out.merge(name, count, Long::sum));
    return new StageMetrics(invocations + other.invocations, recordsIn + other.recordsIn, out,
        filteredOut + other.filteredOut, deadLettered + other.deadLettered, putRecordsCalls + other.putRecordsCalls,
        putRecordsEntriesRetried + other.putRecordsEntriesRetried, batchWriteItemCalls + other.batchWriteItemCalls,
        skipped + other.skipped, stateRequests + other.stateRequests, stateWrites + other.stateWrites, stateWriteUnits + other.stateWriteUnits,
        checkpointRequests + other.checkpointRequests, ticks + other.ticks, fired + other.fired,
        requests.plus(other.requests));
  }
}
