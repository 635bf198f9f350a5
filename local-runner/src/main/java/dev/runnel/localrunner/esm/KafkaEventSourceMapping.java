package dev.runnel.localrunner.esm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Lambda's Kafka event source mapping for one stage, run locally against a Kafka cluster (the embedded broker): one
 * consumer thread and one handler instance per partition of the topic, partitions in parallel, each from its earliest
 * offset with exactly one batch in flight ({@link PartitionConsumer}). Each event holds one partition's records, in
 * Lambda's JSON shape. The partitions are those the topic has at {@link #start()}: partitions added later are not
 * read (docs/kafka.md, "Status").
 */
public final class KafkaEventSourceMapping implements StageMapping {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final MappingSettings settings;
  private final PartitionHandlerFactory handlers;
  private final OnFailureDestination destination;
  private final MappingCounters counters = new MappingCounters();
  private final List<PartitionConsumer> consumers = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private volatile boolean stopping;
  private boolean started;

  /** A mapping from topic {@code settings.streamName()} of the cluster at {@code bootstrapServers}. */
  public KafkaEventSourceMapping(String bootstrapServers, MappingSettings settings, PartitionHandlerFactory handlers,
      OnFailureDestination destination) {
    this.bootstrapServers = bootstrapServers;
    this.settings = settings;
    this.handlers = handlers;
    this.destination = destination;
  }

  @Override
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("mapping of " + settings.functionName() + " already started");
    }
    started = true;
    List<PartitionInfo> partitions;
    try (KafkaConsumer<byte[], byte[]> lister = consumer()) {
      partitions = lister.partitionsFor(settings.streamName(), Duration.ofSeconds(30));
    }
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalStateException("topic " + settings.streamName() + " read by " + settings.functionName()
          + " has no partitions: was it created?");
    }
    KafkaEventWriter events = new KafkaEventWriter(bootstrapServers);
    for (PartitionInfo info : partitions.stream().sorted(java.util.Comparator.comparingInt(PartitionInfo::partition))
        .toList()) {
      TopicPartition partition = new TopicPartition(info.topic(), info.partition());
      PartitionConsumer consumer = new PartitionConsumer(partition, settings, consumer(),
          handlers.create(info.topic() + "-" + info.partition()), events, counters, destination, () -> stopping);
      consumers.add(consumer);
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
  }

  @Override
  public MappingSettings settings() {
    return settings;
  }

  @Override
  public List<ShardProgress> progress() {
    return consumers.stream().map(PartitionConsumer::progress).toList();
  }

  @Override
  public MappingCounters.Snapshot counters() {
    return counters.snapshot();
  }

  @Override
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /** Stops every partition's consumer after its batch in flight and waits for them (up to 30 s). */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
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

  /** A consumer without a group: partitions are assigned, offsets kept by the mapping. */
  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties properties = new Properties();
    properties.putAll(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.CLIENT_ID_CONFIG, "runnel-esm-" + settings.functionName()));
    return new KafkaConsumer<>(properties);
  }
}
