package dev.runnel.functions.aggregate;

import dev.runnel.checkpointing.identity.SequenceNumberOrder;
import java.util.Objects;

/**
 * A shard's hash key range, both ends included, as decimal text (ListShards' form).
 *
 * @param start the lowest hash key of the range
 * @param end   the highest hash key of the range
 */
public record HashRange(String start, String end) {
  public HashRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /** True when {@code hashKey} (decimal) is in the range. */
  public boolean contains(String hashKey) {
    return SequenceNumberOrder.compare(hashKey, start) >= 0 && SequenceNumberOrder.compare(hashKey, end) <= 0;
  }
}
