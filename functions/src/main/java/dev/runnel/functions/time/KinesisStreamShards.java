package dev.runnel.functions.time;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Stream shards from Kinesis ListShards, cached per stream for a minute (ListShards allows 100 calls a second per
 * stream), or read again sooner when a caller has seen a shard the cached answer does not know. A failed call
 * keeps the last answer, or none, which only delays a watermark.
 */
public final class KinesisStreamShards implements StreamShards {
  private static final long CACHE_MILLIS = 60_000;
  /** How old a cached answer must be before a shard it does not know makes it read again. */
  private static final long RELIST_MILLIS = 1_000;

  private final KinesisClient kinesis;
  private final Clock clock;
  private final Map<String, Listing> cache = new ConcurrentHashMap<>();

  /** Shards read through {@code kinesis}, cached by {@code clock}. */
  public KinesisStreamShards(KinesisClient kinesis, Clock clock) {
    this.kinesis = kinesis;
    this.clock = clock;
  }

  @Override
  public Map<String, Set<String>> parents(String stream) {
    return listing(stream).parents;
  }

  @Override
  public Map<String, Set<String>> parents(String stream, Collection<String> seen) {
    Listing cached = listing(stream);
    if (cached.all.containsAll(seen) || clock.millis() - cached.readAtMillis < RELIST_MILLIS) {
      return cached.parents;
    }
    return list(stream, cached).parents;
  }

  @Override
  public List<String> openShardStarts(String stream) {
    return listing(stream).openShardStarts;
  }

  /**
   * Reads again at once when {@code landedIn} names an unknown shard, without {@link #parents(String, Collection)}'s
   * one-second pause: an entry lands in an unknown shard only after a reshard, and the answer read then knows it.
   */
  @Override
  public List<String> openShardStarts(String stream, Collection<String> landedIn) {
    Listing cached = listing(stream);
    return cached.all.containsAll(landedIn) ? cached.openShardStarts : list(stream, cached).openShardStarts;
  }

  @Override
  public List<String> openShards(String stream) {
    return listing(stream).openShards;
  }

  private Listing listing(String stream) {
    Listing cached = cache.get(stream);
    if (cached != null && clock.millis() - cached.readAtMillis < CACHE_MILLIS) {
      return cached;
    }
    return list(stream, cached);
  }

  /** Reads the shards of {@code stream} now; on failure, {@code cached} (or nothing). */
  private Listing list(String stream, Listing cached) {
    long now = clock.millis();
    try {
      Map<String, Set<String>> parents = new HashMap<>();
      Set<String> all = new HashSet<>();
      List<String> starts = new ArrayList<>();
      List<String> open = new ArrayList<>();
      ListShardsResponse page = kinesis.listShards(ListShardsRequest.builder().streamName(stream).build());
      while (true) {
        for (Shard shard : page.shards()) {
          all.add(shard.shardId());
          Set<String> of = new HashSet<>();
          if (shard.parentShardId() != null) {
            of.add(shard.parentShardId());
          }
          if (shard.adjacentParentShardId() != null) {
            of.add(shard.adjacentParentShardId());
          }
          if (!of.isEmpty()) {
            parents.put(shard.shardId(), Set.copyOf(of));
          }
          if (shard.sequenceNumberRange() == null || shard.sequenceNumberRange().endingSequenceNumber() == null) {
            starts.add(shard.hashKeyRange().startingHashKey());
            open.add(shard.shardId());
          }
        }
        if (page.nextToken() == null) {
          break;
        }
        page = kinesis.listShards(ListShardsRequest.builder().nextToken(page.nextToken()).build());
      }
      Listing listing = new Listing(Map.copyOf(parents), Set.copyOf(all), List.copyOf(starts), List.copyOf(open), now);
      cache.put(stream, listing);
      return listing;
    } catch (SdkException | UnsupportedOperationException unknown) {
      return cached != null ? cached : new Listing(Map.of(), Set.of(), List.of(), List.of(), now);
    }
  }

  private record Listing(Map<String, Set<String>> parents, Set<String> all, List<String> openShardStarts,
      List<String> openShards, long readAtMillis) {}
}
