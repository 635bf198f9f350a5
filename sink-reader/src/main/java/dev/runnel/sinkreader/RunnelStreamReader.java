package dev.runnel.sinkreader;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * Reads a Runnel stream sink exactly once per record identity and shard: a KCL {@link Scheduler} in polling mode whose
 * shards are processed by {@link DeduplicatingRecordProcessor}s. Leases and checkpoints live in the DynamoDB table
 * named after the application. Build it, {@link #start()} it, {@link #close()} it.
 */
public final class RunnelStreamReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunnelStreamReader.class);

  private final Builder config;
  private final AtomicReference<RecordHandlingException> failure = new AtomicReference<>();
  private CloudWatchAsyncClient ownCloudWatch;
  private Scheduler scheduler;
  private Thread thread;

  private RunnelStreamReader(Builder config) {
    this.config = config;
  }

  /** A builder; stream name, application name, both clients and the handler are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts reading on a background thread; returns at once (the first records take seconds: leases come first). */
  public synchronized RunnelStreamReader start() {
    if (scheduler != null) {
      throw new IllegalStateException("reader of " + config.streamName + " already started");
    }
    CloudWatchAsyncClient cloudWatch = config.cloudWatchClient;
    if (cloudWatch == null) {
      // KCL requires a client even with metrics off; this one is never called (MetricsLevel.NONE)
      ownCloudWatch = CloudWatchAsyncClient.builder()
          .region(config.kinesisClient.serviceClientConfiguration().region())
          .credentialsProvider(AnonymousCredentialsProvider.create())
          .build();
      cloudWatch = ownCloudWatch;
    }
    DeduplicatingRecordProcessorFactory processors =
        new DeduplicatingRecordProcessorFactory(config.handler, this::stopAfterFailure);
    ConfigsBuilder kcl = new ConfigsBuilder(new SingleStreamTracker(config.streamName, config.initialPosition),
        config.applicationName, config.kinesisClient, config.dynamoDbClient, cloudWatch, config.workerId, processors);
    scheduler = new Scheduler(
        kcl.checkpointConfig(),
        kcl.coordinatorConfig(),
        kcl.leaseManagementConfig()
            .failoverTimeMillis(config.failoverTime.toMillis())
            .shardSyncIntervalMillis(config.shardSyncInterval.toMillis()),
        kcl.lifecycleConfig(),
        kcl.metricsConfig().metricsLevel(MetricsLevel.NONE),
        kcl.processorConfig(),
        kcl.retrievalConfig().retrievalSpecificConfig(new PollingConfig(config.streamName, config.kinesisClient)
            .idleTimeBetweenReadsInMillis(config.pollInterval.toMillis())));
    thread = new Thread(scheduler, "runnel-stream-reader-" + config.applicationName);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** The handler failure that stopped this reader, if one did. */
  public Optional<RecordHandlingException> failure() {
    return Optional.ofNullable(failure.get());
  }

  /**
   * Stops reading: asks KCL to shut down gracefully (each processor checkpoints after its last record done), waits up
   * to the builder's shutdown timeout, then stops it outright. Safe to call twice; closes no client it was given.
   */
  @Override
  public synchronized void close() {
    if (scheduler == null) {
      return;
    }
    try {
      if (!scheduler.gracefuleShutdownStarted()) {
        scheduler.startGracefulShutdown().get(config.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      thread.join(config.shutdownTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("reader of {} did not shut down gracefully within {}; stopping it", config.streamName,
          config.shutdownTimeout, e);
    } finally {
      if (thread.isAlive()) {
        scheduler.shutdown();
      }
      if (ownCloudWatch != null) {
        ownCloudWatch.close();
      }
      scheduler = null;
    }
  }

  private void stopAfterFailure(RecordHandlingException e) {
    if (failure.compareAndSet(null, e)) {
      Scheduler running;
      synchronized (this) {
        running = scheduler;
      }
      if (running != null) {
        running.startGracefulShutdown(); // asynchronous: this runs on the failing shard's thread
      }
    }
  }

  /** What to read and how; every setter returns this. */
  public static final class Builder {
    private String streamName;
    private String applicationName;
    private KinesisAsyncClient kinesisClient;
    private DynamoDbAsyncClient dynamoDbClient;
    private CloudWatchAsyncClient cloudWatchClient;
    private RunnelRecordHandler handler;
    private String workerId = UUID.randomUUID().toString();
    private InitialPositionInStreamExtended initialPosition =
        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Duration failoverTime = Duration.ofSeconds(10);
    private Duration shardSyncInterval = Duration.ofSeconds(5);

    private Builder() {}

    /** The sink stream to read. */
    public Builder streamName(String streamName) {
      this.streamName = streamName;
      return this;
    }

    /** The consumer's name: readers with one name share the shards; it also names the lease table. */
    public Builder applicationName(String applicationName) {
      this.applicationName = applicationName;
      return this;
    }

    /** The Kinesis client KCL reads with. */
    public Builder kinesisClient(KinesisAsyncClient kinesisClient) {
      this.kinesisClient = kinesisClient;
      return this;
    }

    /** The DynamoDB client for KCL's lease, coordinator-state and worker-metrics tables. */
    public Builder dynamoDbClient(DynamoDbAsyncClient dynamoDbClient) {
      this.dynamoDbClient = dynamoDbClient;
      return this;
    }

    /** Optional: a CloudWatch client for KCL; metrics stay off either way. */
    public Builder cloudWatchClient(CloudWatchAsyncClient cloudWatchClient) {
      this.cloudWatchClient = cloudWatchClient;
      return this;
    }

    /** The code that handles each distinct record. */
    public Builder handler(RunnelRecordHandler handler) {
      this.handler = handler;
      return this;
    }

    /** This worker's id among the readers of one application; a random UUID by default. */
    public Builder workerId(String workerId) {
      this.workerId = workerId;
      return this;
    }

    /** Where a shard with no checkpoint starts; TRIM_HORIZON (everything retained) by default. */
    public Builder initialPosition(InitialPositionInStreamExtended initialPosition) {
      this.initialPosition = initialPosition;
      return this;
    }

    /** The pause between GetRecords calls on a shard; 1 s by default (at most 5 reads per shard per second). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /** How long {@link #close()} waits for a graceful shutdown; 30 s by default. */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /**
     * KCL's lease duration: a dead worker's shards move after it, and lease assignment runs every two of it; 10 s by
     * default. Shorter starts a new reader sooner, at the cost of more lease-table writes.
     */
    public Builder failoverTime(Duration failoverTime) {
      this.failoverTime = failoverTime;
      return this;
    }

    /**
     * KCL's pause after each shard sync, including the one at start-up; 5 s by default (KCL's own 60 s default delays
     * every start by a minute).
     */
    public Builder shardSyncInterval(Duration shardSyncInterval) {
      this.shardSyncInterval = shardSyncInterval;
      return this;
    }

    /** The reader, not started; NullPointerException names a missing setting. */
    public RunnelStreamReader build() {
      Objects.requireNonNull(streamName, "streamName");
      Objects.requireNonNull(applicationName, "applicationName");
      Objects.requireNonNull(kinesisClient, "kinesisClient");
      Objects.requireNonNull(dynamoDbClient, "dynamoDbClient");
      Objects.requireNonNull(handler, "handler");
      Objects.requireNonNull(workerId, "workerId");
      Objects.requireNonNull(initialPosition, "initialPosition");
      Objects.requireNonNull(pollInterval, "pollInterval");
      Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
      Objects.requireNonNull(failoverTime, "failoverTime");
      Objects.requireNonNull(shardSyncInterval, "shardSyncInterval");
      return new RunnelStreamReader(copy());
    }

    private Builder copy() {
      Builder copy = new Builder();
      copy.streamName = streamName;
      copy.applicationName = applicationName;
      copy.kinesisClient = kinesisClient;
      copy.dynamoDbClient = dynamoDbClient;
      copy.cloudWatchClient = cloudWatchClient;
      copy.handler = handler;
      copy.workerId = workerId;
      copy.initialPosition = initialPosition;
      copy.pollInterval = pollInterval;
      copy.shutdownTimeout = shutdownTimeout;
      copy.failoverTime = failoverTime;
      copy.shardSyncInterval = shardSyncInterval;
      return copy;
    }
  }
}
