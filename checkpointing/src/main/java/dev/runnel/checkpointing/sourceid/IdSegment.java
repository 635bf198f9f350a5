package dev.runnel.checkpointing.sourceid;

import java.util.List;
import java.util.Objects;

/**
 * What one batch of a source stage adds to the id memory of its shard: the first copies among the records after
 * position {@code from} up to {@code to}, in shard order. A batch writes its segment before it commits its checkpoint
 * at {@code to}, so every committed position has a segment, and {@code from} (a committed position) leads to the
 * one before: the segments form a chain back from the checkpoint.
 *
 * @param stage         the stage reading the source
 * @param shardId       the shard
 * @param to            the sequence number of the batch's last record: the checkpoint it commits
 * @param from          the checkpoint the batch started from, or null for the shard's first batch
 * @param newestArrival the latest arrival time among the batch's records (epoch milliseconds)
 * @param firstCopies   the ids whose first copy is in the batch, in shard order
 */
public record IdSegment(String stage, String shardId, String to, String from, long newestArrival,
    List<SeenId> firstCopies) {
  public IdSegment {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(to, "to");
    firstCopies = List.copyOf(firstCopies);
  }
}
