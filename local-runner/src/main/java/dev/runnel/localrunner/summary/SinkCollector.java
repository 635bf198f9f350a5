package dev.runnel.localrunner.summary;

import dev.runnel.functions.kafka.IdentityHeader;
import dev.runnel.functions.output.TableItemJson;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableSpec;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads back what a job wrote: every sink stream and table, the console lines, and the dead-letter table. A sink
 * stream's records are those a reader accepts after dropping resent copies by their identity (docs/exactly-once.md):
 * Kinesis is at-least-once, and a stage retried after a crash (a resumed run's first batches) may have written an
 * output twice.
 */
public final class SinkCollector {
  private final Plan plan;
  private final KinesisClient kinesis;
  private final DynamoDbClient dynamoDb;
  private final ClassLoader jobClassLoader;
  private final String kafkaBootstrapServers;

  /** A collector for the plan's resources, reading with these clients; record types load with the class loader. */
  public SinkCollector(Plan plan, KinesisClient kinesis, DynamoDbClient dynamoDb, ClassLoader jobClassLoader) {
    this(plan, kinesis, dynamoDb, jobClassLoader, null);
  }

  /** As above, reading sink topics from the Kafka cluster at {@code kafkaBootstrapServers} (null: no topics). */
  public SinkCollector(Plan plan, KinesisClient kinesis, DynamoDbClient dynamoDb, ClassLoader jobClassLoader,
      String kafkaBootstrapServers) {
    this.plan = plan;
    this.kinesis = kinesis;
    this.dynamoDb = dynamoDb;
    this.jobClassLoader = jobClassLoader;
    this.kafkaBootstrapServers = kafkaBootstrapServers;
  }

  /**
   * Every sink of every stage, in plan order. Console sinks take their lines from {@code consoleLines}, in the order
   * they were printed; stream records and table items are sorted, so that runs compare equal.
   */
  public List<SinkContents> sinks(Map<String, List<String>> consoleLines) {
    List<SinkContents> sinks = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      for (OutputSpec output : stage.outputs()) {
        List<String> records = switch (output.kind()) {
          case REPARTITION, BROADCAST -> null;
          case CONSOLE -> new ArrayList<>(consoleLines.getOrDefault(output.name(), List.of()));
          case STREAM -> plan.kafkaTopics().contains(output.target()) ? topicRecords(output.target())
              : streamRecords(output.target());
          case TABLE -> tableItems(output.target(), fieldOrder(output));
        };
        if (records != null) {
          if (output.kind() != OutputKind.CONSOLE) {
            records.sort(null);
          }
          sinks.add(new SinkContents(output.name(), output.kind(), output.kind() == OutputKind.CONSOLE ? null
              : output.target(), records));
        }
      }
    }
    return sinks;
  }

  /** The dead-letter table's items, by stage, shard and position. */
  public List<DeadLetter> deadLetters() {
    TableSpec table = plan.deadLetterTable();
    List<DeadLetter> letters = new ArrayList<>();
    for (Map<String, AttributeValue> item : scan(table.name())) {
      letters.add(new DeadLetter(text(item, "stage"), text(item, "shard"), text(item, "sequenceNumber"),
          text(item, "errorType"), text(item, "operator"), text(item, "error"), payload(item.get("payload"))));
    }
    letters.sort(java.util.Comparator.comparing(DeadLetter::stage, java.util.Comparator.nullsFirst(String::compareTo))
        .thenComparing(DeadLetter::shard, java.util.Comparator.nullsFirst(String::compareTo))
        // shorter first, then in text order: sequence numbers in numeric order, and an input's "file:7" before "file:12"
        .thenComparing(DeadLetter::sequenceNumber, java.util.Comparator.nullsFirst(
            java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.naturalOrder()))));
    return letters;
  }

  private List<String> streamRecords(String stream) {
    List<String> records = new ArrayList<>();
    java.util.Set<String> outputs = new java.util.HashSet<>();
    for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
      String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (iterator != null) {
        String current = iterator;
        GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current));
        for (var record : response.records()) {
          String output = outputOf(record.partitionKey());
          if (output == null || outputs.add(output)) {
            records.add(record.data().asUtf8String());
          }
        }
        boolean caughtUp = response.records().isEmpty()
            && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
        iterator = caughtUp ? null : response.nextShardIterator();
      }
    }
    return records;
  }

  /**
   * The records of a sink topic, every partition from its start to its end now, dropping resent copies by the
   * identity in their {@code runnel-id} header as a reader of a Kinesis sink drops them by partition key.
   */
  private List<String> topicRecords(String topic) {
    if (kafkaBootstrapServers == null) {
      throw new IllegalStateException("sink topic " + topic + " cannot be read: no Kafka cluster given");
    }
    List<String> records = new ArrayList<>();
    java.util.Set<String> outputs = new java.util.HashSet<>();
    java.util.Properties properties = new java.util.Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read sink topic " + topic + " to its end in 30 s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(java.time.Duration.ofMillis(200))) {
          Header identity = record.headers().lastHeader(IdentityHeader.NAME);
          String output = identity == null ? null : outputOf(new String(identity.value(), StandardCharsets.UTF_8));
          if (output == null || outputs.add(output)) {
            records.add(new String(record.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return records;
  }

  /**
   * Which output of which stage a record is (stage, shard, sequence number, index: equal for every attempt at it), or
   * null for a record without a Runnel identity, never taken for a copy.
   */
  private static String outputOf(String partitionKey) {
    try {
      return RecordIdentity.parse(partitionKey)
          .map(id -> id.stage() + "|" + id.shardId() + "|" + id.sequenceNumber() + "|" + id.index()).orElse(null);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private List<String> tableItems(String table, List<String> fieldOrder) {
    return new ArrayList<>(scan(table).stream().map(item -> TableItemJson.record(item, fieldOrder).toString())
        .toList());
  }

  private List<Map<String, AttributeValue>> scan(String table) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var page = dynamoDb.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
      items.addAll(page.items());
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return items;
  }

  /** The record's components in declaration order, so table items print like the stream's JSON. */
  private List<String> fieldOrder(OutputSpec output) {
    try {
      Class<?> type = Class.forName(output.type(), false, jobClassLoader);
      RecordComponent[] components = type.getRecordComponents();
      return components == null ? List.of() : Arrays.stream(components).map(RecordComponent::getName).toList();
    } catch (ClassNotFoundException | LinkageError e) {
      return output.keyField() == null ? List.of() : List.of(output.keyField());
    }
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s() != null ? value.s() : value.n();
  }

  private static String payload(AttributeValue value) {
    if (value == null) {
      return null;
    }
    return value.b() != null ? new String(value.b().asByteArray(), StandardCharsets.UTF_8) : value.s();
  }
}
