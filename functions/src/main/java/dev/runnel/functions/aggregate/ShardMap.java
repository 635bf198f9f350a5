package dev.runnel.functions.aggregate;

import dev.runnel.checkpointing.identity.SequenceNumberOrder;
import dev.runnel.functions.time.StreamShards;
import dev.runnel.functions.time.StreamShards.ListedShard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The open shards of a stream by hash key range, as a (possibly stale) shard listing says: which shard a hash key
 * goes to. Empty when the shards cannot be listed.
 */
final class ShardMap {
  private final List<ListedShard> open;

  private ShardMap(List<ListedShard> open) {
    this.open = open;
  }

  /** The open shards of {@code stream} as {@code shards} lists them now (cached listings included). */
  static ShardMap of(StreamShards shards, String stream) {
    List<ListedShard> open = new ArrayList<>();
    for (String id : shards.openShards(stream)) {
      shards.shard(stream, id).ifPresent(open::add);
    }
    open.sort(Comparator.comparing(ListedShard::startingHashKey, SequenceNumberOrder::compare));
    return new ShardMap(List.copyOf(open));
  }

  boolean isEmpty() {
    return open.isEmpty();
  }

  /** The open shard whose range holds {@code hashKey}; empty when none does (a listing caught mid-reshard). */
  Optional<ListedShard> owner(String hashKey) {
    int low = 0;
    int high = open.size() - 1;
    ListedShard found = null;
    while (low <= high) { // the last shard starting at or below the key
      int middle = (low + high) >>> 1;
      if (SequenceNumberOrder.compare(open.get(middle).startingHashKey(), hashKey) <= 0) {
        found = open.get(middle);
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found != null && SequenceNumberOrder.compare(hashKey, found.endingHashKey()) <= 0 ? Optional.of(found)
        : Optional.empty();
  }
}
