package dev.runnel.functions.exactlyonce;

import dev.runnel.functions.time.StreamShards;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a shard of a stage's input stream came from, for a stage in the state log layout whose child shards adopt
 * their parents' keys (docs/state-log.md, "Resharding"): {@link #listed} on AWS and the local runner.
 */
@FunctionalInterface
public interface ShardLineage {
  /** Nothing known: every shard starts with no state. */
  ShardLineage NONE = shard -> Optional.empty();

  /** The lineage of {@code shard}, when it has parents and they are known. */
  Optional<Lineage> of(String shard);

  /** A fixed lineage, by shard id (tests, the local runner). */
  static ShardLineage of(Map<String, Lineage> lineages) {
    Map<String, Lineage> copy = Map.copyOf(lineages);
    return shard -> Optional.ofNullable(copy.get(shard));
  }

  /**
   * The lineage Kinesis ListShards gives for the shards of {@code stream}, through the cache of {@code shards}; a
   * failed listing throws (the batch fails and is retried) rather than leave a child without its parents' state.
   */
  static ShardLineage listed(StreamShards shards, String stream) {
    return shard -> shards.shard(stream, shard).filter(listed -> !listed.parents().isEmpty())
        .map(listed -> new Lineage(listed.parents(), new BigInteger(listed.startingHashKey()),
            new BigInteger(listed.endingHashKey())));
  }

  /**
   * A shard's parents and hash key range.
   *
   * @param parents         one (a split) or two (a merge) shard ids
   * @param startingHashKey the lowest hash key of the shard (decimal)
   * @param endingHashKey   the highest hash key of the shard (decimal)
   */
  record Lineage(Set<String> parents, BigInteger startingHashKey, BigInteger endingHashKey) {
    public Lineage {
      parents = Set.copyOf(parents);
      Objects.requireNonNull(startingHashKey, "startingHashKey");
      Objects.requireNonNull(endingHashKey, "endingHashKey");
    }

    /** True when a record with this explicit hash key (decimal) lands in the shard. */
    public boolean holds(String hashKey) {
      BigInteger key = new BigInteger(hashKey);
      return key.compareTo(startingHashKey) >= 0 && key.compareTo(endingHashKey) <= 0;
    }
  }
}
