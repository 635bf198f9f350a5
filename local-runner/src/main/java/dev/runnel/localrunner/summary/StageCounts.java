package dev.runnel.localrunner.summary;

import dev.runnel.functions.requests.ServiceRequests;
import java.util.Map;

/**
 * What one stage did: the functions' own counters summed over its handler instances, plus the mapping's.
 *
 * @param stage            the stage id
 * @param batches          invocations, retries and bisected halves included
 * @param recordsIn        records handed to the function (redeliveries included)
 * @param recordsOut       records written per output name
 * @param filteredOut      records dropped by filters
 * @param deadLettered     records sent to the dead letters
 * @param retries          failed invocations retried by the mapping
 * @param bisects          failed batches split in two
 * @param discardedRecords records given up after the last retry (see the on-failure records)
 * @param skipped          records the exactly-once protocol skipped: redelivered or already applied, or upstream
 *                         duplicates
 * @param putRecordsCalls  Kinesis PutRecords requests (outputs, firings and watermark markers, retries included)
 * @param stateRequests    DynamoDB requests to the keyed-state table
 * @param stateWrites      keyed-state writes: one per distinct key changed in a batch (the protocol's count)
 * @param stateWriteUnits  write capacity units the keyed-state table reported
 * @param checkpointRequests DynamoDB requests to the checkpoint table
 * @param ticks            tick invocations of the stage by the runner (0 for a stage without ticks)
 * @param shardTicks       shards ticked by those invocations, as the handlers count them
 * @param fired            records emitted by windows and timers firing, in batches and ticks (also in recordsOut)
 * @param tickConflicts    shards a tick left because another invocation committed them first
 * @param tickFailures     ticks that threw (each retried by the next tick)
 * @param requests         every request the stage's function instances sent, as their clients counted it (the four
 *                         request figures above come from it when it is not empty; a run whose functions share the
 *                         runner's clients has it empty and shows what the protocol counted itself)
 */
public record StageCounts(
    String stage, long batches, long recordsIn, Map<String, Long> recordsOut, long filteredOut, long deadLettered,
    long retries, long bisects, long discardedRecords, long skipped, long putRecordsCalls, long stateRequests,
    long stateWrites, double stateWriteUnits, long checkpointRequests, long ticks, long shardTicks, long fired,
    long tickConflicts, long tickFailures, ServiceRequests requests) {
  public StageCounts {
    recordsOut = Map.copyOf(recordsOut);
    requests = requests == null ? ServiceRequests.NONE : requests;
  }

  /** All records written to any output of the stage. */
  public long totalOut() {
    return recordsOut.values().stream().mapToLong(Long::longValue).sum();
  }
}
