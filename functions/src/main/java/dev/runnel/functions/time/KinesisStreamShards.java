package dev.runnel.functions.time;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * keeps the last answer, or none, which only delays a watermark; except for {@link #shard}, whose caller must not
 * take a failure for "no parents".
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
    if (cached.shards.keySet().containsAll(seen) || clock.millis() - cached.readAtMillis < RELIST_MILLIS) {
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
    return cached.shards.keySet().containsAll(landedIn) ? cached.openShardStarts : list(stream, cached).openShardStarts;
  }

  @Override
  public List<String> openShards(String stream) {
    return listing(stream).openShards;
  }

  /**
   * Reads again at once, and throws if that fails, when the cached answer does not know {@code shard}: a shard's
   * parents and range never change, so a cached answer that knows it is right however old it is.
   */
  @Override
  public Optional<ListedShard> shard(String stream, String shard) {
    Listing cached = cache.get(stream);
    if (cached != null && cached.shards.containsKey(shard)) {
      return Optional.of(cached.shards.get(shard));
    }
    try {
      return Optional.ofNullable(read(stream).shards.get(shard));
    } catch (UnsupportedOperationException cannotList) {
      return Optional.empty();
    }
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
    try {
      return read(stream);
    } catch (SdkException | UnsupportedOperationException unknown) {
      return cached != null ? cached
          : new Listing(Map.of(), Map.of(), List.of(), List.of(), clock.millis());
    }
  }

  /** Reads the shards of {@code stream} now, every page, and caches the answer; throws when a call fails. */
  private Listing read(String stream) {
    long now = clock.millis();
    Map<String, Set<String>> parents = new HashMap<>();
    Map<String, ListedShard> shards = new HashMap<>();
    List<String> starts = new ArrayList<>();
    List<String> open = new ArrayList<>();
    ListShardsResponse page = kinesis.listShards(ListShardsRequest.builder().streamName(stream).build());
    while (true) {
      for (Shard shard : page.shards()) {
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
        shards.put(shard.shardId(), new ListedShard(shard.shardId(), of, shard.hashKeyRange().startingHashKey(),
            shard.hashKeyRange().endingHashKey()));
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
    Listing listing = new Listing(Map.copyOf(parents), Map.copyOf(shards), List.copyOf(starts), List.copyOf(open),
        now);
    cache.put(stream, listing);
    return listing;
  }

  private record Listing(Map<String, Set<String>> parents, Map<String, ListedShard> shards,
      List<String> openShardStarts, List<String> openShards, long readAtMillis) {}
}
