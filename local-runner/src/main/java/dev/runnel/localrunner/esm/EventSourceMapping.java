package dev.runnel.localrunner.esm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Lambda's Kinesis event source mapping for one stage, run locally: one consumer thread and one handler instance
 * per shard, shards in parallel, each shard from TRIM_HORIZON with exactly one batch in flight; with a
 * ParallelizationFactor above 1, that many lanes per shard, each with its own handler instance and one batch in
 * flight, every partition key in one lane ({@link LaneHash}). A child shard starts only after its parents are
 * drained; new shards are found by re-reading the shard list.
 */
public final class EventSourceMapping implements StageMapping {
  private static final Logger LOG = LoggerFactory.getLogger(EventSourceMapping.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final KinesisClient kinesis;
  private final MappingSettings settings;
  private final ShardHandlerFactory handlers;
  private final OnFailureDestination destination;
  private final MappingCounters counters = new MappingCounters();
  private final Map<String, Shard> knownShards = new LinkedHashMap<>();
  private final Set<String> finishedShards = new HashSet<>();
  private final Map<String, ShardConsumer> consumers = new LinkedHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService discovery;
  private String streamArn;
  private boolean closed;

  /** A mapping from {@code settings.streamName()} to handlers made by {@code handlers}; call {@link #start()}. */
  public EventSourceMapping(KinesisClient kinesis, MappingSettings settings, ShardHandlerFactory handlers,
      OnFailureDestination destination) {
    this.kinesis = kinesis;
    this.settings = settings;
    this.handlers = handlers;
    this.destination = destination;
  }

  /** Starts consuming every shard that has no undrained parent, and keeps looking for new shards. */
  @Override
  public synchronized void start() {
    if (discovery != null) {
      throw new IllegalStateException("mapping of " + settings.functionName() + " already started");
    }
    streamArn = kinesis.describeStreamSummary(b -> b.streamName(settings.streamName()))
        .streamDescriptionSummary().streamARN();
    discoverShards();
    discovery = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "esm-" + settings.functionName() + "-shard-discovery");
      thread.setDaemon(true);
      return thread;
    });
    long every = settings.shardDiscoveryInterval().toMillis();
    discovery.scheduleWithFixedDelay(this::discoverSafely, every, every, TimeUnit.MILLISECONDS);
  }

  /** The settings this mapping runs with. */
  @Override
  public MappingSettings settings() {
    return settings;
  }

  /** Per-shard progress of every shard started so far. */
  @Override
  public synchronized List<ShardProgress> progress() {
    return consumers.values().stream().map(ShardConsumer::progress).toList();
  }

  /** Invocations, retries, bisects and discards so far. */
  @Override
  public MappingCounters.Snapshot counters() {
    return counters.snapshot();
  }

  /** Errors that ended a shard's consumer (not function errors, which are retried): empty when all is well. */
  @Override
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /** Stops every consumer after its batch in flight and waits for them (up to 30 s). */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (discovery != null) {
        discovery.shutdownNow();
      }
      consumers.values().forEach(ShardConsumer::stop);
      running = List.copyOf(threads);
    }
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (Thread thread : running) {
      try {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (thread.isAlive()) {
        thread.interrupt();
      }
    }
  }

  private void discoverSafely() {
    try {
      discoverShards();
    } catch (RuntimeException e) {
      LOG.debug("listing shards of {} failed, will retry: {}", settings.streamName(), e.toString());
    }
  }

  private synchronized void discoverShards() {
    if (closed) {
      return;
    }
    String token = null;
    do {
      String next = token;
      ListShardsResponse page = next == null
          ? kinesis.listShards(b -> b.streamName(settings.streamName()))
          : kinesis.listShards(b -> b.nextToken(next));
      page.shards().forEach(shard -> knownShards.putIfAbsent(shard.shardId(), shard));
      token = page.nextToken();
    } while (token != null);
    for (Shard shard : knownShards.values()) {
      if (!consumers.containsKey(shard.shardId()) && parentsDrained(shard)) {
        startConsumer(shard.shardId());
      }
    }
  }

  private boolean parentsDrained(Shard shard) {
    return drainedOrGone(shard.parentShardId()) && drainedOrGone(shard.adjacentParentShardId());
  }

  private boolean drainedOrGone(String parent) {
    return parent == null || finishedShards.contains(parent) || !knownShards.containsKey(parent);
  }

  private void startConsumer(String shardId) {
    ShardConsumer consumer = new ShardConsumer(shardId, streamArn, settings, kinesis, () -> handlers.create(shardId),
        counters, destination, this::shardFinished);
    consumers.put(shardId, consumer);
    Thread thread = new Thread(() -> {
      try {
        consumer.run();
      } catch (RuntimeException | Error e) {
        failures.add(e);
      }
    });
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void shardFinished(String shardId, List<ChildShard> children) {
    synchronized (this) {
      finishedShards.add(shardId);
    }
    LOG.debug("{}: shard {} drained; children {}", settings.functionName(), shardId,
        children.stream().map(ChildShard::shardId).toList());
    discoverSafely();
  }
}
