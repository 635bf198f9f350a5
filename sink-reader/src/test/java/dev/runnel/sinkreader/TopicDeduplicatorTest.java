package dev.runnel.sinkreader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service's own consumer of a Runnel sink topic on the embedded broker: copies (same {@code runnel-id}, new offset)
 * are dropped, whether still remembered or below the producer's committed position, records without the header are
 * delivered as they are, and a deduplicator restored from a stored memory goes on dropping.
 */
class TopicDeduplicatorTest {
  private static KafkaBroker broker;

  @BeforeAll
  static void start() throws Exception {
    broker = new KafkaBroker().start();
    try (Admin admin = broker.admin()) {
      admin.createTopics(List.of(new NewTopic("balances", 2, (short) 1))).all().get();
    }
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.clientProperties(Map.of(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())))) {
      send(producer, "r1|pay-2|in-0|5|0|4", "a5");
      send(producer, "r1|pay-2|in-0|5|0|4", "a5 copy");         // a retried invocation: same identity
      send(producer, "r1|pay-2|in-0|6|0|4", "a6");
      send(producer, "r1|pay-2|in-0|7|0|6", "a7");              // the producer committed past 6
      send(producer, "r1|pay-2|in-0|5|0|3", "a5 late copy");    // a zombie's copy, at or below the commit
      send(producer, null, "plain");
      send(producer, null, "plain");                            // not Runnel's: delivered as it is
      producer.flush();
    }
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String identity, String value) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("balances", 0, "acc-1".getBytes(
        StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    if (identity != null) {
      record.headers().add(new RecordHeader(TopicDeduplicator.IDENTITY_HEADER,
          identity.getBytes(StandardCharsets.UTF_8)));
    }
    producer.send(record);
  }

  private static List<ConsumerRecord<byte[], byte[]>> consumed() {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(broker.clientProperties(Map.of(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())))) {
      TopicPartition zero = new TopicPartition("balances", 0);
      consumer.assign(List.of(zero));
      consumer.seekToBeginning(List.of(zero));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 10_000;
      while (records.size() < 7 && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  @Test
  void copiesAreDroppedAndOtherRecordsDeliveredOnce() {
    TopicDeduplicator dedup = new TopicDeduplicator();
    List<String> delivered = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : consumed()) {
      dedup.deliverOnce(record, r -> delivered.add(new String(r.payload(), StandardCharsets.UTF_8) + " @"
          + r.shardId() + "/" + r.sequenceNumber()));
    }

    assertThat(delivered).containsExactly("a5 @balances-0/0", "a6 @balances-0/2", "a7 @balances-0/3",
        "plain @balances-0/5", "plain @balances-0/6");
    assertThat(dedup.dropped()).isEqualTo(2);
  }

  @Test
  void aRestoredMemoryGoesOnDropping() {
    List<ConsumerRecord<byte[], byte[]>> records = consumed();
    TopicDeduplicator before = new TopicDeduplicator();
    before.deliverOnce(records.get(0), r -> { });
    TopicDeduplicator after = new TopicDeduplicator();
    after.restore("balances-0", before.memory("balances-0").orElseThrow());

    assertThat(after.deliverOnce(records.get(1), r -> { })).as("the copy of a5").isFalse();
    assertThat(after.deliverOnce(records.get(2), r -> { })).as("a6").isTrue();
  }
}
