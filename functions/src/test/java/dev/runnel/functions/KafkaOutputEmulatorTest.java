package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.emulators.KafkaBroker;
import dev.runnel.functions.exactlyonce.OutputsNotWrittenException;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.TopicCountJob;
import dev.runnel.functions.kafka.ConsumedEvents;
import dev.runnel.functions.kafka.IdentityHeader;
import dev.runnel.functions.kafka.KafkaOutput;
import dev.runnel.functions.kafka.KafkaRecordWriter;
import dev.runnel.functions.kafka.TopicReader;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.functions.time.MarkerWriter;
import dev.runnel.functions.time.StreamShards;
import dev.runnel.functions.time.WatermarkMarker;
import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stages writing Kafka topics on the embedded broker: the repartition topic keeps each key in one partition (the
 * key is the routing key) with the identity in the {@code runnel-id} header, the next stage reads it through the
 * Kafka event and drops a redelivered batch, a record the topic refuses goes to the dead letters naming where, a
 * topic that cannot be written fails the batch for a retry, and watermark markers reach every partition.
 */
class KafkaOutputEmulatorTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
  private static final String SHARD = "shardId-000000000000";
  private static final String DEAD_LETTERS = "tcounts-dead-letters";
  private static KafkaBroker broker;
  private static KafkaOutput kafka;

  private final Plan plan = Planner.plan(TopicCountJob.class);
  private final String edge = plan.kafkaTopics().stream().filter(t -> !t.equals(TopicCountJob.SINK)).findFirst()
      .orElseThrow();
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of(DEAD_LETTERS, List.of("source", "position")));

  @BeforeAll
  static void startBroker() {
    broker = new KafkaBroker().start();
    kafka = KafkaOutput.of(broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
    broker.close();
  }

  private void createTopics(Map<String, String> sinkConfig) throws Exception {
    try (Admin admin = broker.admin()) {
      deleteTopics(admin, edge, TopicCountJob.SINK);
      admin.createTopics(List.of(new NewTopic(edge, 3, (short) 1),
          new NewTopic(TopicCountJob.SINK, 3, (short) 1).configs(sinkConfig))).all().get();
    }
  }

  /** Deletes the topics that exist, and waits until they are gone. */
  private static void deleteTopics(Admin admin, String... topics) throws Exception {
    List<String> existing = admin.listTopics().names().get().stream().filter(List.of(topics)::contains).toList();
    admin.deleteTopics(existing).all().get();
    while (admin.listTopics().names().get().stream().anyMatch(existing::contains)) {
      Thread.sleep(100);
    }
  }

  private StageHandler stage(String stageId, KafkaOutput output, InMemoryCheckpointStore checkpoints,
      InMemoryStateLogStore stateLog) {
    return new StageHandler(plan, stageId, new StageResources(new FakeKinesis(), dynamoDb, (sink, json) -> { })
        .withKafka(output), RetryPolicy.immediate(2), CLOCK, checkpoints, new InMemoryStateStore(CLOCK),
        new InMemoryProgressStore(), new InMemoryTimerIndex(), null, stateLog);
  }

  private static KinesisEvents clicks(String... userPages) {
    KinesisEvents events = KinesisEvents.onShard(SHARD).arrivedAt(Instant.parse("2026-12-06T23:59:00Z"));
    for (int i = 0; i < userPages.length; i++) {
      String[] parts = userPages[i].split(":");
      events.add(String.valueOf(49_000_000_000L + i), parts[0],
          "{\"user\":\"" + parts[0] + "\",\"page\":\"" + parts[1] + "\"}");
    }
    return events;
  }

  @Test
  void keysKeepTheirPartitionTheIdentityTravelsInTheHeaderAndARedeliveredBatchWritesNothingNew() throws Exception {
    createTopics(Map.of());
    StageHandler source = stage(TopicCountJob.SOURCE_STAGE, kafka, new InMemoryCheckpointStore(),
        new InMemoryStateLogStore());
    source.handleRequest(clicks("ann:/a", "bob:/b", "cat:/c", "ann:/d", "dan:/e", "bob:/f", "eve:/g").build(), null);

    List<ConsumerRecord<byte[], byte[]>> repartitioned = TopicReader.all(broker, edge);
    assertThat(repartitioned).hasSize(7);
    Map<String, Set<Integer>> partitionsByKey = repartitioned.stream().collect(Collectors.groupingBy(
        r -> new String(r.key(), StandardCharsets.UTF_8), Collectors.mapping(ConsumerRecord::partition,
            Collectors.toSet())));
    partitionsByKey.forEach((key, partitions) -> assertThat(partitions).as("partitions of key " + key)
        .containsExactly(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3));
    assertThat(partitionsByKey.values().stream().flatMap(Set::stream).distinct().count())
        .as("five keys spread over more than one partition").isGreaterThan(1);
    for (ConsumerRecord<byte[], byte[]> record : repartitioned) {
      RecordIdentity identity = RecordIdentity.parse(new String(record.headers().lastHeader(IdentityHeader.NAME)
          .value(), StandardCharsets.UTF_8)).orElseThrow();
      assertThat(identity.stage()).isEqualTo(TopicCountJob.SOURCE_STAGE);
      assertThat(identity.shardId()).isEqualTo(SHARD);
    }

    KafkaStageHandler keyed = new KafkaStageHandler(stage(TopicCountJob.KEYED_STAGE, kafka,
        new InMemoryCheckpointStore(), new InMemoryStateLogStore()));
    assertThat(keyed.handle(ConsumedEvents.of(repartitioned), null).batchItemFailures()).isEmpty();
    assertThat(keyed.handle(ConsumedEvents.of(repartitioned), null).batchItemFailures()).isEmpty(); // redelivered

    List<ConsumerRecord<byte[], byte[]>> counts = TopicReader.all(broker, TopicCountJob.SINK);
    assertThat(counts).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).hasSize(7)
        .contains("{\"user\":\"ann\",\"page\":\"/d\",\"n\":2}", "{\"user\":\"bob\",\"page\":\"/f\",\"n\":2}",
            "{\"user\":\"eve\",\"page\":\"/g\",\"n\":1}");
    assertThat(counts).allSatisfy(r -> assertThat(new String(r.headers().lastHeader(IdentityHeader.NAME).value(),
        StandardCharsets.UTF_8)).startsWith("r1|" + TopicCountJob.KEYED_STAGE + "|" + edge + "-"));
  }

  @Test
  void aRecordTheTopicRefusesGoesToTheDeadLettersNamingTheTopicPartitionAndTheOthersAreWritten() throws Exception {
    createTopics(Map.of("max.message.bytes", "1000"));
    KafkaStageHandler keyed = new KafkaStageHandler(stage(TopicCountJob.KEYED_STAGE, kafka,
        new InMemoryCheckpointStore(), new InMemoryStateLogStore()));
    String big = "/" + "x".repeat(3_000);
    StageHandler source = stage(TopicCountJob.SOURCE_STAGE, kafka, new InMemoryCheckpointStore(),
        new InMemoryStateLogStore());
    source.handleRequest(clicks("ann:/a", "ann:" + big, "ann:/c").build(), null);
    List<ConsumerRecord<byte[], byte[]>> repartitioned = TopicReader.all(broker, edge);
    assertThat(repartitioned).hasSize(3); // the edge topic has the default limit

    assertThat(keyed.handle(ConsumedEvents.of(repartitioned), null).batchItemFailures()).isEmpty();

    assertThat(TopicReader.all(broker, TopicCountJob.SINK)).extracting(r -> new String(r.value(),
        StandardCharsets.UTF_8)).containsExactly("{\"user\":\"ann\",\"page\":\"/a\",\"n\":1}",
        "{\"user\":\"ann\",\"page\":\"/c\",\"n\":3}");
    ConsumerRecord<byte[], byte[]> refused = repartitioned.get(1);
    int sinkPartition = Utils.toPositive(Utils.murmur2("ann".getBytes(StandardCharsets.UTF_8))) % 3;
    assertThat(dynamoDb.items(DEAD_LETTERS)).singleElement().satisfies(item -> {
      assertThat(item.get("errorType").s()).isEqualTo("write");
      assertThat(item.get("position").s()).isEqualTo(Long.toString(refused.offset()));
      assertThat(item.get("error").s()).startsWith("job 'tcounts', stage '" + TopicCountJob.KEYED_STAGE
          + "', topic-partition " + edge + "-" + refused.partition() + ", offset " + refused.offset() + ": output '")
          .contains("topic " + TopicCountJob.SINK + " partition " + sinkPartition + " refused the record: "
              + "org.apache.kafka.common.errors.RecordTooLargeException");
    });
  }

  @Test
  void aTopicThatCannotBeWrittenFailsTheBatchAndTheRetryWritesItOnce() throws Exception {
    try (Admin admin = broker.admin()) {
      deleteTopics(admin, edge);
    }
    InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    InMemoryStateLogStore stateLog = new InMemoryStateLogStore();
    try (KafkaOutput impatient = KafkaOutput.of(broker.bootstrapServers(),
        Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000))) {
      StageHandler source = stage(TopicCountJob.SOURCE_STAGE, impatient, checkpoints, stateLog);
      assertThatThrownBy(() -> source.handleRequest(clicks("ann:/a", "bob:/b").build(), null))
          .isInstanceOf(OutputsNotWrittenException.class);
    }

    createTopics(Map.of());
    stage(TopicCountJob.SOURCE_STAGE, kafka, checkpoints, stateLog).handleRequest(clicks("ann:/a", "bob:/b").build(),
        null);
    assertThat(TopicReader.all(broker, edge)).hasSize(2);
  }

  @Test
  void markersReachEveryPartitionWithoutKeyAndReadBackAsMarkers() throws Exception {
    createTopics(Map.of());
    WatermarkMarker marker = new WatermarkMarker(TopicCountJob.SOURCE_STAGE, SHARD, 1_000L);
    MarkerWriter markers = new MarkerWriter(new KinesisRecordWriter(new FakeKinesis(), RetryPolicy.immediate(1)),
        StreamShards.NONE, List.of(), new KafkaRecordWriter(kafka), List.of(edge));

    assertThat(markers.announce(marker)).isTrue();

    List<ConsumerRecord<byte[], byte[]>> written = TopicReader.all(broker, edge);
    assertThat(written).extracting(ConsumerRecord::partition).containsExactly(0, 1, 2);
    assertThat(written).allSatisfy(r -> {
      assertThat(r.key()).isNull();
      assertThat(new String(r.headers().lastHeader(IdentityHeader.NAME).value(), StandardCharsets.UTF_8))
          .isEqualTo(marker.toPartitionKey());
    });
    assertThat(dev.runnel.functions.kafka.KafkaEventRecords.of(ConsumedEvents.of(written)))
        .allSatisfy(batch -> assertThat(WatermarkMarker.isMarker(batch.records().get(0).partitionKey())).isTrue());
  }
}
