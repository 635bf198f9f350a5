package dev.runnel.functions.kafka;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Consumed records as the Kafka event Lambda would send for them (tests). */
public final class ConsumedEvents {
  private ConsumedEvents() {}

  /** One event holding {@code records}, grouped by topic-partition. */
  public static KafkaEvent of(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, List<KafkaEventRecord>> byPartition = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      List<Map<String, byte[]>> headers = new ArrayList<>();
      for (Header header : record.headers()) {
        headers.add(Map.of(header.key(), header.value()));
      }
      byPartition.computeIfAbsent(record.topic() + "-" + record.partition(), p -> new ArrayList<>())
          .add(new KafkaEventRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
              record.timestampType().toString(), record.key() == null ? null : b64(record.key()), b64(record.value()),
              headers, null, null));
    }
    return new KafkaEvent(byPartition, "SelfManagedKafka", null, "127.0.0.1:9092");
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
