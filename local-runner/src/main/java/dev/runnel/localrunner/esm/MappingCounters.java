package dev.runnel.localrunner.esm;

import java.util.concurrent.atomic.AtomicLong;

/** Cumulative counts of one event source mapping, over all its shards; safe to read while it runs. */
public final class MappingCounters {
  private final AtomicLong invocations = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong bisects = new AtomicLong();
  private final AtomicLong discardedBatches = new AtomicLong();
  private final AtomicLong discardedRecords = new AtomicLong();

  void invoked(int batchSize) {
    invocations.incrementAndGet();
    records.addAndGet(batchSize);
  }

  void retried() {
    retries.incrementAndGet();
  }

  void bisected() {
    bisects.incrementAndGet();
  }

  void discarded(int batchSize) {
    discardedBatches.incrementAndGet();
    discardedRecords.addAndGet(batchSize);
  }

  /** The counts right now. */
  public Snapshot snapshot() {
    return new Snapshot(invocations.get(), records.get(), retries.get(), bisects.get(), discardedBatches.get(),
        discardedRecords.get());
  }

  /**
   * Counts at one moment.
   *
   * @param invocations      batches handed to the function, retries and bisected halves included
   * @param records          records handed to the function, redeliveries included
   * @param retries          failed invocations that were retried
   * @param bisects          failed batches that were split in two
   * @param discardedBatches batches given up after the last retry
   * @param discardedRecords records in those batches
   */
  public record Snapshot(
      long invocations, long records, long retries, long bisects, long discardedBatches, long discardedRecords) {}
}
