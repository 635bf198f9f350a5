package dev.runnel.functions.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How a stage reaches Kafka: one idempotent producer ({@code enable.idempotence}, {@code acks=all}) per warm
 * container, created at its first use and kept for every later batch; closed by its owner. Thread-safe.
 */
public final class KafkaOutput implements AutoCloseable {
  /** The environment variable naming the cluster's bootstrap servers on Lambda. */
  public static final String BOOTSTRAP_SERVERS = "RUNNEL_KAFKA_BOOTSTRAP_SERVERS";
  /** No cluster: a stage that writes a topic through it fails, saying what to set. */
  public static final KafkaOutput NONE = new KafkaOutput(null);

  private final Map<String, Object> config;
  private final KafkaClientAuth auth;
  private Producer<byte[], byte[]> producer;

  private KafkaOutput(Map<String, Object> config) {
    this(config, KafkaClientAuth.NONE);
  }

  private KafkaOutput(Map<String, Object> config, KafkaClientAuth auth) {
    this.config = config == null ? null : Map.copyOf(config);
    this.auth = auth;
  }

  /** The cluster at {@code bootstrapServers}, with the producer settings Runnel needs. */
  public static KafkaOutput of(String bootstrapServers) {
    return of(bootstrapServers, Map.of());
  }

  /**
   * As {@link #of(String)}, with {@code overrides} on top of Runnel's settings (timeouts in tests, authentication);
   * idempotence and {@code acks=all} cannot be overridden.
   */
  public static KafkaOutput of(String bootstrapServers, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "runnel-stage");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // within a Lambda timeout: a batch that cannot be written in time fails and is retried by the mapping
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.putAll(overrides);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaOutput(config);
  }

  /** The cluster {@code environment} names in {@link #BOOTSTRAP_SERVERS}, or {@link #NONE}; plaintext. */
  public static KafkaOutput fromEnvironment(Map<String, String> environment) {
    String servers = environment.get(BOOTSTRAP_SERVERS);
    return servers == null || servers.isBlank() ? NONE : of(servers.trim());
  }

  /**
   * The cluster {@code environment} names in {@link #BOOTSTRAP_SERVERS}, or {@link #NONE}, authenticating as
   * {@link KafkaClientAuth#AUTH} says; {@code secrets} reads the credentials' secret when the producer is first made.
   */
  public static KafkaOutput fromEnvironment(Map<String, String> environment,
      java.util.function.Supplier<dev.runnel.inference.secrets.SecretSource> secrets) {
    KafkaOutput plain = fromEnvironment(environment);
    return plain.configured() ? new KafkaOutput(plain.config, KafkaClientAuth.fromEnvironment(environment, secrets))
        : NONE;
  }

  /** The same cluster, authenticating with {@code auth}. */
  public KafkaOutput withAuth(KafkaClientAuth auth) {
    return new KafkaOutput(config, java.util.Objects.requireNonNull(auth, "auth"));
  }

  /** The producer's settings: Runnel's, then the authentication's (its credentials read now when it has any). */
  Map<String, Object> producerSettings() {
    Map<String, Object> settings = new HashMap<>(config);
    settings.putAll(auth.settings());
    return settings;
  }

  /** True when a cluster is configured. */
  public boolean configured() {
    return config != null;
  }

  /** The producer, created at the first call; throws when no cluster is configured. */
  public synchronized Producer<byte[], byte[]> producer() {
    if (config == null) {
      throw new IllegalStateException("this stage writes to Kafka topics but no Kafka cluster is configured: set "
          + BOOTSTRAP_SERVERS + " to the cluster's bootstrap servers (docs/kafka.md)");
    }
    if (producer == null) {
      producer = new KafkaProducer<>(producerSettings());
    }
    return producer;
  }

  /**
   * Closes the producer after an error it cannot recover from (a fenced or out-of-sequence idempotent producer); the
   * next batch creates a new one.
   */
  public synchronized void discard() {
    if (producer != null) {
      Producer<byte[], byte[]> broken = producer;
      producer = null;
      broken.close(java.time.Duration.ZERO);
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }
}
