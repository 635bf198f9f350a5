package dev.runnel.functions.time;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shards of the Kinesis streams through {@code kinesis}, and nothing for Kafka topics: a topic's partitions never
 * split or merge, so they have no parents and no hash key ranges, and markers reach them by partition number
 * ({@link MarkerWriter}), not by hash key. Asking Kinesis about a topic would fail on a stream that does not exist.
 *
 * @param kinesis the shards of the Kinesis streams
 * @param topics  the names of the plan's Kafka topics
 */
public record TopicAwareShards(StreamShards kinesis, Set<String> topics) implements StreamShards {
  public TopicAwareShards {
    topics = Set.copyOf(topics);
  }

  /** {@code kinesis} itself when there are no topics. */
  public static StreamShards of(StreamShards kinesis, Collection<String> topics) {
    return topics.isEmpty() ? kinesis : new TopicAwareShards(kinesis, Set.copyOf(topics));
  }

  @Override
  public Map<String, Set<String>> parents(String stream) {
    return topics.contains(stream) ? Map.of() : kinesis.parents(stream);
  }

  @Override
  public Map<String, Set<String>> parents(String stream, Collection<String> seen) {
    return topics.contains(stream) ? Map.of() : kinesis.parents(stream, seen);
  }

  @Override
  public List<String> openShardStarts(String stream) {
    return topics.contains(stream) ? List.of() : kinesis.openShardStarts(stream);
  }

  @Override
  public List<String> openShardStarts(String stream, Collection<String> landedIn) {
    return topics.contains(stream) ? List.of() : kinesis.openShardStarts(stream, landedIn);
  }

  @Override
  public List<String> openShards(String stream) {
    return topics.contains(stream) ? List.of() : kinesis.openShards(stream);
  }

  @Override
  public Optional<ListedShard> shard(String stream, String shard) {
    return topics.contains(stream) ? Optional.empty() : kinesis.shard(stream, shard);
  }
}
