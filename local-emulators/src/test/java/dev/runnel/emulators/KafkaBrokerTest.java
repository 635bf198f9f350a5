package dev.runnel.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
  private static KafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = new KafkaBroker().start();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void listensOnLoopbackOnly() throws Exception {
    for (String server : broker.bootstrapServers().split(",")) {
      String host = server.substring(0, server.lastIndexOf(':'));
      int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
      assertThat(InetAddress.getByName(host).isLoopbackAddress()).as(server).isTrue();
      for (InetAddress address : nonLoopbackAddresses()) {
        try (Socket socket = new Socket()) {
          assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 1000))
              .as("port %d reachable on %s", port, address).isInstanceOf(java.io.IOException.class);
        }
      }
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws Exception {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        nic.inetAddresses().filter(a -> a instanceof java.net.Inet4Address).forEach(addresses::add);
      }
    }
    return addresses;
  }

  @Test
  void producesAndConsumesKeyedRecordsWithHeadersInPartitionOrder() throws Exception {
    try (Admin admin = broker.admin()) {
      admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).all().get();
      assertThat(admin.listTopics().names().get()).contains("orders");
    }
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.clientProperties(Map.of(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)))) {
      for (int i = 0; i < 30; i++) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("orders", i % 3, bytes("k" + (i % 5)),
            bytes("{\"n\":" + i + "}"));
        record.headers().add("runnel-id", bytes("r1|test|p|" + i));
        producer.send(record).get();
      }
    }

    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(broker.clientProperties(Map.of(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
      List<TopicPartition> partitions = List.of(new TopicPartition("orders", 0), new TopicPartition("orders", 1),
          new TopicPartition("orders", 2));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (read.size() < 30 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }

    assertThat(read).hasSize(30);
    for (int partition = 0; partition < 3; partition++) {
      int p = partition;
      List<ConsumerRecord<byte[], byte[]>> inPartition = read.stream().filter(r -> r.partition() == p).toList();
      assertThat(inPartition).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L,
          9L);
      assertThat(inPartition).extracting(r -> text(r.value()))
          .allSatisfy(value -> assertThat(Integer.parseInt(value.replaceAll("\\D", "")) % 3).isEqualTo(p));
    }
    ConsumerRecord<byte[], byte[]> first = read.stream().filter(r -> r.partition() == 1 && r.offset() == 0)
        .findFirst().orElseThrow();
    assertThat(text(first.key())).isEqualTo("k1");
    assertThat(text(first.headers().lastHeader("runnel-id").value())).isEqualTo("r1|test|p|1");
  }

  @Test
  void refusesTopicsNobodyCreated() throws Exception {
    try (Admin admin = broker.admin()) {
      assertThat(admin.listTopics().names().get()).doesNotContain("typo");
    }
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.clientProperties(Map.of(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500)))) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("typo", bytes("v"))).get())
          .hasMessageContaining("typo");
    }
    try (Admin admin = broker.admin()) {
      assertThat(admin.listTopics().names().get()).doesNotContain("typo");
    }
  }

  @Test
  void closeStopsTheBroker() throws Exception {
    KafkaBroker second = new KafkaBroker().start();
    String servers = second.bootstrapServers();
    try (Admin admin = second.admin()) {
      assertThat(admin.listTopics().names().get()).isEqualTo(Set.of());
    }

    second.close();
    second.close();

    assertThatThrownBy(second::bootstrapServers).isInstanceOf(IllegalStateException.class);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers, "default.api.timeout.ms", 2000,
        "request.timeout.ms", 1000))) {
      assertThatThrownBy(() -> admin.listTopics().names().get()).hasMessageContaining("Timed out");
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
