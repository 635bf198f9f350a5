package dev.runnel.emulators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A one-node Kafka cluster in KRaft mode (one server acting as broker and controller) running in this JVM, both
 * listeners bound to 127.0.0.1 only, its log in a fresh temporary directory that {@link #close()} deletes. Start it,
 * hand out its bootstrap servers, close it; its topics are gone then. Kafka's own server from Maven Central, so no
 * Docker and no download at run time. Automatic topic creation is off: a misspelt topic fails instead of appearing.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaBroker.class);
  private static final int START_ATTEMPTS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private KafkaRaftServer server;
  private Path logDir;
  private int port;

  /** Starts the broker (a few seconds); returns this for chaining. */
  public synchronized KafkaBroker start() {
    if (server != null) {
      return this;
    }
    Exception last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int clientPort = FreeLoopbackPort.find();
      int controllerPort = FreeLoopbackPort.find();
      Path dir = null;
      KafkaRaftServer started = null;
      try {
        dir = Files.createTempDirectory("runnel-kafka-");
        Map<String, Object> config = config(dir, clientPort, controllerPort);
        format(dir, config);
        started = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        started.startup();
        server = started;
        logDir = dir;
        port = clientPort;
        awaitReady();
        return this;
      } catch (Exception e) {
        last = e; // most likely a port was taken between finding and binding it
        server = null;
        stop(started);
        delete(dir);
      }
    }
    throw new IllegalStateException("the embedded Kafka broker did not start", last);
  }

  /** The bootstrap servers clients connect to, {@code 127.0.0.1:<port>}. */
  public synchronized String bootstrapServers() {
    requireStarted();
    return "127.0.0.1:" + port;
  }

  /** The settings a producer, consumer or admin client needs to reach this broker, plus {@code extra}. */
  public Properties clientProperties(Map<String, ?> extra) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.putAll(extra);
    return properties;
  }

  /** A new admin client for this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(clientProperties(Map.of()));
  }

  /** Stops the broker and deletes its log; safe to call twice. */
  @Override
  public synchronized void close() {
    KafkaRaftServer running = server;
    server = null;
    stop(running);
    delete(logDir);
    logDir = null;
  }

  private static Map<String, Object> config(Path dir, int clientPort, int controllerPort) {
    Map<String, Object> config = new HashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    config.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", dir.toString());
    // one node: internal topics cannot have more replicas than that, and a group starts at once
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("auto.create.topics.enable", "false");
    config.put("log.cleaner.dedupe.buffer.size", "2097152");
    return config;
  }

  /** Writes the storage's meta properties and bootstrap metadata, as {@code kafka-storage.sh format} does. */
  private static void format(Path dir, Map<String, Object> config) throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    new Formatter()
        .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
        .setNodeId(1)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(Set.of(dir.toString()))
        .setMetadataLogDirectory(dir.toString())
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setControllerListenerName("CONTROLLER")
        .run();
    LOG.debug("Kafka storage: {}", output.toString(StandardCharsets.UTF_8).trim());
  }

  /** Waits until the broker answers a cluster description with itself in it. */
  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception notYet) {
          if (System.nanoTime() > deadline) {
            throw notYet;
          }
        }
        Thread.sleep(50);
      }
    }
  }

  private static void stop(KafkaRaftServer running) {
    if (running == null) {
      return;
    }
    running.shutdown();
    running.awaitShutdown();
  }

  private static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the Kafka log directory " + dir, e);
    }
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("the Kafka broker is not running; call start() first");
    }
  }
}
