package dev.runnel.functions;

import dev.runnel.functions.batch.ProcessedBatch;
import dev.runnel.functions.output.WriteStats;
import java.util.Map;

/** The mutable, thread-safe counters behind {@link StageMetrics}. */
final class StageCounters {
  private StageMetrics totals = StageMetrics.ZERO;

  /**
   * Adds one invocation: its input size, what processing produced and what writing cost. The records it wrote are
   * added by {@link #recordWritten} as they are written.
   */
  synchronized void record(int recordsIn, ProcessedBatch batch, WriteStats stats) {
    totals = totals.plus(new StageMetrics(1, recordsIn, Map.of(), batch.filteredOut(), batch.failedCount(),
        stats.putRecordsCalls(), stats.putRecordsEntriesRetried(), stats.batchWriteItemCalls(), batch.skipped(), 0, 0,
        0, 0, 0, 0));
  }

  /** Adds the DynamoDB cost of the exactly-once protocol for one invocation. */
  synchronized void recordProtocol(long redelivered, long stateRequests, long stateWrites, double stateWriteUnits,
      long checkpointRequests) {
    totals = totals.plus(new StageMetrics(0, 0, Map.of(), 0, 0, 0, 0, 0, redelivered, stateRequests, stateWrites,
        stateWriteUnits, checkpointRequests, 0, 0));
  }

  /** Adds records written to the outputs, by output name, by a batch or a firing round, when they were written. */
  synchronized void recordWritten(Map<String, Long> written) {
    totals = totals.plus(new StageMetrics(0, 0, written, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  }

  /**
   * Adds how many records windows and timers emitted in firing rounds (already counted per output by
   * {@link #recordWritten}), and one tick when {@code tick}.
   */
  synchronized void recordFired(Map<String, Long> fired, boolean tick) {
    long total = fired.values().stream().mapToLong(Long::longValue).sum();
    totals = totals.plus(new StageMetrics(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, tick ? 1 : 0, total));
  }

  /** The totals so far. */
  synchronized StageMetrics snapshot() {
    return totals;
  }
}
