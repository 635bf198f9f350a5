package dev.runnel.sinkreader;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import java.util.Optional;

/**
 * The user's code behind a {@link RunnelStreamReader}: it sees each distinct record of a shard once, in shard order.
 * One handler serves every shard, called from one thread per shard at a time, so it must be safe to call concurrently
 * for different shards.
 */
@FunctionalInterface
public interface RunnelRecordHandler {

  /**
   * Handles one record. Throwing stops delivery on the record's shard (nothing after it is handled or checkpointed)
   * and stops the reader, so a record is never skipped; the next reader start redelivers from the last checkpoint.
   */
  void handle(RunnelRecord record);

  /**
   * The dedup memory this handler stored with its last commit for {@code shardId}, asked once each time the reader
   * takes the shard; empty (the default) starts with an empty memory.
   */
  default Optional<AppliedIdentities.Data> restoreDedupMemory(String shardId) {
    return Optional.empty();
  }
}
