package dev.runnel.functions;

import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.output.WriteStats;
import java.util.HashMap;
import java.util.Map;

/** The mutable, thread-safe counters behind {@link StageMetrics}. */
final class StageCounters {
  private StageMetrics totals = StageMetrics.ZERO;

  /** Adds one invocation: its input size, what processing produced and what writing cost. */
  synchronized void record(int recordsIn, ProcessedBatch batch, WriteStats stats) {
    Map<String, Long> out = new HashMap<>(batch.emittedPerOutput());
    totals = totals.plus(new StageMetrics(1, recordsIn, out, batch.filteredOut(), batch.failedCount(),
        stats.putRecordsCalls(), stats.putRecordsEntriesRetried(), stats.batchWriteItemCalls(), batch.skipped(), 0, 0,
        0, 0, 0, 0));
  }

  /** Adds the DynamoDB cost of the exactly-once protocol for one invocation. */
  synchronized void recordProtocol(long redelivered, long stateRequests, long stateWrites, double stateWriteUnits,
      long checkpointRequests) {
    totals = totals.plus(new StageMetrics(0, 0, Map.of(), 0, 0, 0, 0, 0, redelivered, stateRequests, stateWrites,
        stateWriteUnits, checkpointRequests, 0, 0));
  }

  /** Adds what windows and timers emitted in firing rounds, and one tick when {@code tick}. */
  synchronized void recordFired(Map<String, Long> fired, boolean tick) {
    long total = fired.values().stream().mapToLong(Long::longValue).sum();
    totals = totals.plus(new StageMetrics(0, 0, fired, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, tick ? 1 : 0, total));
  }

  /** The totals so far. */
  synchronized StageMetrics snapshot() {
    return totals;
  }
}
