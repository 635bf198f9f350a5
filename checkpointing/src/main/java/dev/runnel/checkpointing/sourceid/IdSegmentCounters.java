package dev.runnel.checkpointing.sourceid;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** What an {@link IdSegmentStore} asked of its backend: segment reads and writes, and write units. */
public final class IdSegmentCounters {
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final DoubleAdder writeUnits = new DoubleAdder();

  void recordRead() {
    reads.incrementAndGet();
  }

  void recordWrite(double units) {
    writes.incrementAndGet();
    writeUnits.add(units);
  }

  /** Segment reads (GetItem). */
  public long reads() {
    return reads.get();
  }

  /** Segment writes (PutItem). */
  public long writes() {
    return writes.get();
  }

  /** Write units the writes consumed. */
  public double writeUnits() {
    return writeUnits.sum();
  }
}
