package dev.runnel.localrunner.esm;

import dev.runnel.plan.BatchingSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * How one event source mapping behaves.
 *
 * @param functionName  the function it invokes (the stage id), used in on-failure records and the Lambda context
 * @param streamName    the stream it reads
 * @param batching      batch size, window, bisect and retries, as the plan sets them
 * @param pollInterval  how long an idle shard waits between empty GetRecords calls (Lambda: about 1 s)
 * @param retryDelay    how long a failed batch waits before it is retried
 * @param shardDiscoveryInterval how often the stream's shard list is re-read to find new shards
 * @param laneHash      which lane a partition key goes to when the batching's parallelization factor is above 1
 */
public record MappingSettings(
    String functionName, String streamName, BatchingSpec batching, Duration pollInterval, Duration retryDelay,
    Duration shardDiscoveryInterval, LaneHash laneHash) {

  /** The local runner's default idle poll interval. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

  public MappingSettings {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(streamName, "streamName");
    Objects.requireNonNull(batching, "batching");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(retryDelay, "retryDelay");
    Objects.requireNonNull(shardDiscoveryInterval, "shardDiscoveryInterval");
    Objects.requireNonNull(laneHash, "laneHash");
  }

  /** Settings assigning lanes with {@link LaneHash#CRC32C}. */
  public MappingSettings(String functionName, String streamName, BatchingSpec batching, Duration pollInterval,
      Duration retryDelay, Duration shardDiscoveryInterval) {
    this(functionName, streamName, batching, pollInterval, retryDelay, shardDiscoveryInterval, LaneHash.CRC32C);
  }

  /** Settings with the default intervals: poll 200 ms, retry after 50 ms, look for new shards every second. */
  public static MappingSettings of(String functionName, String streamName, BatchingSpec batching) {
    return new MappingSettings(functionName, streamName, batching, DEFAULT_POLL_INTERVAL, Duration.ofMillis(50),
        Duration.ofSeconds(1));
  }

  /** The same settings with another idle poll interval. */
  public MappingSettings withPollInterval(Duration interval) {
    return new MappingSettings(functionName, streamName, batching, interval, retryDelay, shardDiscoveryInterval,
        laneHash);
  }

  /** The same settings assigning lanes with {@code hash}. */
  public MappingSettings withLaneHash(LaneHash hash) {
    return new MappingSettings(functionName, streamName, batching, pollInterval, retryDelay, shardDiscoveryInterval,
        hash);
  }
}
