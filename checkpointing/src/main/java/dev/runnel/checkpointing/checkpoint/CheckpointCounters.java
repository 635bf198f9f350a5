package dev.runnel.checkpointing.checkpoint;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of one checkpoint store's requests and consumed capacity units, for metrics and cost tests.
 * Thread-safe; the in-memory store counts the same logical requests at one unit each.
 */
public final class CheckpointCounters {

  /** The logical requests a checkpoint store makes. */
  public enum Request {
    /** A strongly consistent read of one checkpoint (GetItem). */
    LOAD,
    /** A conditional write of one checkpoint (an UpdateItem by position, a PutItem by revision), won or lost. */
    COMMIT
  }

  private final Map<Request, LongAdder> requests = new EnumMap<>(Request.class);
  private final LongAdder conflicts = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final DoubleAdder readUnits = new DoubleAdder();
  private final DoubleAdder writeUnits = new DoubleAdder();

  /** Counters at zero. */
  public CheckpointCounters() {
    for (Request kind : Request.values()) {
      requests.put(kind, new LongAdder());
    }
  }

  /** Counts one completed request of {@code kind} that consumed these read and write units. */
  public void recordRequest(Request kind, double consumedReadUnits, double consumedWriteUnits) {
    requests.get(kind).increment();
    readUnits.add(consumedReadUnits);
    writeUnits.add(consumedWriteUnits);
  }

  /** Counts a commit lost to another writer (its request is counted by {@link #recordRequest} too). */
  public void recordConflict() {
    conflicts.increment();
  }

  /** Counts an attempt that was throttled or failed on the server and will be resent. */
  public void recordRetry() {
    retries.increment();
  }

  /** Completed requests of {@code kind}, throttled attempts excluded. */
  public long requests(Request kind) {
    return requests.get(kind).sum();
  }

  /** Commits that lost to another writer. */
  public long conflicts() {
    return conflicts.sum();
  }

  /** Attempts resent after throttling or a server error. */
  public long retries() {
    return retries.sum();
  }

  /** Consumed read capacity units. */
  public double readUnits() {
    return readUnits.sum();
  }

  /** Consumed write capacity units; a lost commit counts 1, the minimum DynamoDB charges for a failed condition. */
  public double writeUnits() {
    return writeUnits.sum();
  }

  @Override
  public String toString() {
    return "loads=" + requests(Request.LOAD) + " commits=" + requests(Request.COMMIT) + " conflicts=" + conflicts()
        + " retries=" + retries() + " rcu=" + readUnits() + " wcu=" + writeUnits();
  }
}
