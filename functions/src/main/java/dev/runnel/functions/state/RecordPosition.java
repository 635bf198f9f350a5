package dev.runnel.functions.state;

import dev.runnel.checkpointing.identity.SequenceNumberOrder;
import java.util.Objects;

/**
 * Where an input record sits: its shard and sequence number. A key's state version is the position of the last
 * record applied to it, stored as {@code shardId/sequenceNumber}.
 *
 * @param shardId        the shard
 * @param sequenceNumber the decimal sequence number
 */
public record RecordPosition(String shardId, String sequenceNumber) {
  public RecordPosition {
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
  }

  /** Parses {@code shardId/sequenceNumber}. */
  public static RecordPosition parse(String version) {
    int slash = version.lastIndexOf('/');
    if (slash <= 0 || slash == version.length() - 1) {
      throw new IllegalArgumentException("not a record position: " + version);
    }
    return new RecordPosition(version.substring(0, slash), version.substring(slash + 1));
  }

  /** The stored form, {@code shardId/sequenceNumber}. */
  public String version() {
    return shardId + "/" + sequenceNumber;
  }

  /**
   * True when this position is at or after {@code other} in its shard. A position in another shard counts as
   * before: keys move only from a parent shard, drained first, to its children.
   */
  public boolean isAtOrAfter(RecordPosition other) {
    return shardId.equals(other.shardId)
        && SequenceNumberOrder.compare(sequenceNumber, other.sequenceNumber) >= 0;
  }
}
