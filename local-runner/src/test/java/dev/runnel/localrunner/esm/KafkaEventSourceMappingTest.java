package dev.runnel.localrunner.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.runnel.emulators.KafkaBroker;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.kafka.KafkaEventJson;
import dev.runnel.functions.kafka.KafkaEventRecords;
import dev.runnel.functions.kafka.PartitionBatch;
import dev.runnel.plan.BatchingSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local Kafka event source mapping on the embedded broker: Lambda's event JSON per partition, batches up to the
 * batch size in offset order, a reported failure read again from its offset, a throwing batch bisected and, its
 * retries used up, discarded to the on-failure destination naming partition and offsets.
 */
class KafkaEventSourceMappingTest {
  private static KafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = new KafkaBroker().start();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  /** Every invocation: the partition and the offsets it held. */
  private final List<String> invocations = new CopyOnWriteArrayList<>();
  private final List<OnFailureEvent> discarded = new CopyOnWriteArrayList<>();

  private void topic(String topic, int partitions, int records) throws Exception {
    try (Admin admin = broker.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.clientProperties(Map.of(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())))) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, i % partitions, ("k" + i).getBytes(StandardCharsets.UTF_8),
            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))).get();
      }
    }
  }

  /** A mapping whose functions answer with {@code answer(partition batch, attempt)}: a response JSON, or throw. */
  private KafkaEventSourceMapping mapping(String topic, BatchingSpec batching,
      BiFunction<PartitionBatch, Integer, String> answer) {
    Map<String, Integer> attempts = new ConcurrentHashMap<>();
    PartitionHandlerFactory handlers = partition -> (RequestStreamHandler) (in, out, context) -> {
      List<PartitionBatch> batches = KafkaEventRecords.of(KafkaEventJson.parse(in));
      assertThat(batches).singleElement().extracting(PartitionBatch::partition).isEqualTo(partition);
      PartitionBatch batch = batches.get(0);
      List<String> offsets = batch.records().stream().map(InputRecord::sequenceNumber).toList();
      invocations.add(partition + " " + offsets);
      int attempt = attempts.merge(partition + offsets, 1, Integer::sum);
      out.write(answer.apply(batch, attempt).getBytes(StandardCharsets.UTF_8));
    };
    MappingSettings settings = MappingSettings.of("stage-1", topic, batching).withPollInterval(Duration.ofMillis(50));
    return new KafkaEventSourceMapping(broker.bootstrapServers(), settings, handlers, discarded::add);
  }

  private static final String OK = "{\"batchItemFailures\":[]}";

  @Test
  void eachPartitionIsReadInOffsetOrderInBatchesUpToTheBatchSize() throws Exception {
    topic("esm-order", 2, 50);
    try (KafkaEventSourceMapping mapping = mapping("esm-order", new BatchingSpec(10, 0, true, 3, 1),
        (batch, attempt) -> OK)) {
      mapping.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> mapping.progress().stream()
          .mapToLong(ShardProgress::recordsFetched).sum() == 50 && mapping.progress().stream().allMatch(
              ShardProgress::idle));
      assertThat(mapping.progress()).extracting(ShardProgress::shardId).containsExactly("esm-order-0", "esm-order-1");
      assertThat(mapping.counters().records()).isEqualTo(50);
    }
    for (String partition : List.of("esm-order-0", "esm-order-1")) {
      List<Long> offsets = new ArrayList<>();
      for (String invocation : invocations) {
        if (invocation.startsWith(partition + " ")) {
          List<Long> batch = List.of(invocation.substring(partition.length() + 2, invocation.length() - 1)
              .split(", ")).stream().map(Long::parseLong).toList();
          assertThat(batch).hasSizeLessThanOrEqualTo(10);
          offsets.addAll(batch);
        }
      }
      assertThat(offsets).as(partition).isEqualTo(java.util.stream.LongStream.range(0, 25).boxed().toList());
    }
  }

  @Test
  void aReportedFailureIsReadAgainFromItsOffsetAndAThrowingRecordIsBisectedThenDiscarded() throws Exception {
    topic("esm-fail", 1, 8);
    Set<String> reported = ConcurrentHashMap.newKeySet();
    try (KafkaEventSourceMapping mapping = mapping("esm-fail", new BatchingSpec(8, 0, true, 2, 1),
        (batch, attempt) -> {
          List<String> offsets = batch.records().stream().map(InputRecord::sequenceNumber).toList();
          if (offsets.contains("6")) {
            throw new IllegalStateException("poison at offset 6");
          }
          if (offsets.contains("2") && reported.add("2")) {
            return "{\"batchItemFailures\":[{\"itemIdentifier\":{\"partition\":\"esm-fail-0\",\"offset\":2}}]}";
          }
          return OK;
        })) {
      mapping.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> !discarded.isEmpty()
          && mapping.progress().stream().allMatch(ShardProgress::idle));
      assertThat(mapping.counters().bisects()).isPositive();
    }
    assertThat(invocations.get(0)).isEqualTo("esm-fail-0 [0, 1, 2, 3, 4, 5, 6, 7]");
    // the whole batch threw: bisected into [0..3] (reports 2), then read again from 2
    assertThat(invocations).contains("esm-fail-0 [0, 1, 2, 3]", "esm-fail-0 [2, 3]", "esm-fail-0 [6]");
    assertThat(invocations).filteredOn(i -> i.contains("[0, 1")).hasSize(2); // 0 and 1 never read again after
    assertThat(discarded).singleElement().satisfies(event -> {
      assertThat(event.batchInfo().shardId()).isEqualTo("esm-fail-0");
      assertThat(event.batchInfo().startSequenceNumber()).isEqualTo("6");
      assertThat(event.batchInfo().endSequenceNumber()).isEqualTo("6");
      assertThat(event.condition()).isEqualTo(OnFailureEvent.RETRY_ATTEMPTS_EXHAUSTED);
      assertThat(event.functionError()).contains("poison at offset 6");
    });
    assertThat(invocations).anyMatch(i -> i.equals("esm-fail-0 [7]"));
  }
}
