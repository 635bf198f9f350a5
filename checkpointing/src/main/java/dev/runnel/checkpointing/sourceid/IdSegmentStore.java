package dev.runnel.checkpointing.sourceid;

import java.util.Optional;

/** Where the id segments of source stages live: one item per (stage, shard, committed position). Thread-safe. */
public interface IdSegmentStore {
  /**
   * Writes {@code segment}, replacing any segment with the same end: another attempt ending at the same position read
   * the same records, so both hold true first copies, and the chain stays whole whichever is kept.
   */
  void write(IdSegment segment);

  /** The segment of ({@code stage}, {@code shardId}) ending at {@code to}, read strongly consistently. */
  Optional<IdSegment> read(String stage, String shardId, String to);

  /** Requests made so far: reads and writes, and the write units the writes consumed. */
  IdSegmentCounters counters();
}
