package dev.runnel.emulators;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node Kafka cluster in KRaft mode (one process acting as broker and controller) running in this JVM, its
 * listeners on loopback ports chosen by the system, its log in a fresh temporary directory that {@link #close()}
 * deletes. Start it, hand out its bootstrap servers, close it; its topics are gone then. Built on Kafka's own
 * {@code KafkaClusterTestKit} from Maven Central, so no Docker and no download at run time.
 */
public final class KafkaBroker implements AutoCloseable {
  private KafkaClusterTestKit cluster;

  /** Starts the broker (about 3 s); returns this for chaining. */
  public synchronized KafkaBroker start() {
    if (cluster != null) {
      return this;
    }
    KafkaClusterTestKit created = null;
    try {
      created = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .build())
          // one node: internal topics cannot have more replicas than that, and a group starts at once
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("auto.create.topics.enable", "false")
          .build();
      created.format();
      created.startup();
      created.waitForReadyBrokers();
      cluster = created;
      return this;
    } catch (Exception e) {
      closeQuietly(created);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the embedded Kafka broker did not start", e);
    }
  }

  /** The bootstrap servers clients connect to, for example {@code localhost:41234}. */
  public synchronized String bootstrapServers() {
    requireStarted();
    return cluster.bootstrapServers();
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
    KafkaClusterTestKit running = cluster;
    cluster = null;
    if (running != null) {
      try {
        running.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the embedded Kafka broker did not stop cleanly", e);
      }
    }
  }

  private static void closeQuietly(KafkaClusterTestKit cluster) {
    if (cluster == null) {
      return;
    }
    try {
      cluster.close();
    } catch (Exception ignored) {
      // the start failure is the one reported
    }
  }

  private void requireStarted() {
    if (cluster == null) {
      throw new IllegalStateException("the Kafka broker is not running; call start() first");
    }
  }
}
