package dev.runnel.functions.time;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a stage needs to know about the shards of a stream: their lineage (a downstream stage leaves a drained
 * parent's published watermark out once one of its children has published, since a stage reads a child only after
 * its parent is drained), and where each open shard's hash range starts (a watermark marker goes to every open
 * shard of each stream a stage writes to), and each shard's parents and hash key range (a child shard of a stage in
 * the state log layout adopts the keys of its range from its parents, docs/state-log.md).
 */
public interface StreamShards {
  /** Nothing known: no lineage, and no open shards. */
  StreamShards NONE = new StreamShards() {
    @Override
    public Map<String, Set<String>> parents(String stream) {
      return Map.of();
    }

    @Override
    public List<String> openShardStarts(String stream) {
      return List.of();
    }
  };

  /** The parents (one for a split, two for a merge) of each shard of {@code stream} that has any. */
  Map<String, Set<String>> parents(String stream);

  /**
   * As {@link #parents(String)}, reading the shards again first if {@code seen} names a shard the cached answer does
   * not know (the stream was resharded since): a progress row of a new child must not wait for the cache to expire,
   * or a drained parent holds a reader's watermark until then.
   */
  default Map<String, Set<String>> parents(String stream, Collection<String> seen) {
    return parents(stream);
  }

  /** The starting hash key (decimal) of each open shard of {@code stream}. */
  List<String> openShardStarts(String stream);

  /**
   * As {@link #openShardStarts(String)}, reading the shards again first if {@code landedIn} names a shard the cached
   * answer does not know: a marker routed by a cached start landed in a child born since, and the child's sibling
   * would hear nothing until the cache expired.
   */
  default List<String> openShardStarts(String stream, Collection<String> landedIn) {
    return openShardStarts(stream);
  }

  /** The ids of the open shards of {@code stream}; empty when not known. */
  default List<String> openShards(String stream) {
    return List.of();
  }

  /**
   * The parents and hash key range of {@code shard} of {@code stream}, reading the shards again first if the cached
   * answer does not know it (a child born since). Empty when the shards cannot be listed at all (a client without
   * ListShards) or the stream does not know the shard; a failed read throws, since a child that took "no parents"
   * for an answer would start without its parents' state.
   */
  default Optional<ListedShard> shard(String stream, String shard) {
    return Optional.empty();
  }

  /**
   * A shard as ListShards describes it.
   *
   * @param id              the shard id
   * @param parents         none (an original shard), one (a split) or two (a merge) shard ids
   * @param startingHashKey the lowest hash key of the shard (decimal)
   * @param endingHashKey   the highest hash key of the shard (decimal)
   */
  record ListedShard(String id, Set<String> parents, String startingHashKey, String endingHashKey) {
    public ListedShard {
      Objects.requireNonNull(id, "id");
      parents = Set.copyOf(parents);
      Objects.requireNonNull(startingHashKey, "startingHashKey");
      Objects.requireNonNull(endingHashKey, "endingHashKey");
    }
  }
}
