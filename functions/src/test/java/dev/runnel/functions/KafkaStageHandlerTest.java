package dev.runnel.functions;

import static dev.runnel.functions.fixtures.ShopPlans.DEAD_LETTERS;
import static dev.runnel.functions.fixtures.ShopPlans.SHIPMENTS_STREAM;
import static dev.runnel.functions.fixtures.ShopPlans.SHIPMENTS_TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.kafka.KafkaEventJson;
import dev.runnel.functions.kafka.KafkaEventRecords;
import dev.runnel.functions.kafka.PartitionBatch;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.ShopJob.Line;
import dev.runnel.functions.fixtures.ShopJob.Order;
import dev.runnel.functions.fixtures.ShopPlans;
import dev.runnel.functions.retry.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Lambda's Kafka event, in the shape the Kafka event source mapping sends (records by topic-partition, base64 key and
 * value, headers as byte arrays, offsets, timestamps), read into the stage runtime: each partition is a batch with the
 * topic-partition as its shard and offsets as sequence numbers, and failures come back in the Kafka response form.
 */
class KafkaStageHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final PojoSerializer<KafkaEvent> RUNTIME_EVENTS =
      LambdaEventSerializers.serializerFor(KafkaEvent.class, KafkaStageHandlerTest.class.getClassLoader());

  /**
   * An MSK event as in Lambda's documentation: partition 1 listed before partition 0, partition 0's records out of
   * offset order, one record written by a Runnel stage (identity header), one without a key.
   */
  private static String event() throws Exception {
    return """
        {
          "eventSource": "aws:kafka",
          "eventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/shop/751d2973-a626-431c-9d4e-d7975eb44dd7-2",
          "bootstrapServers": "b-2.shop.a1bcde.c1.kafka.us-east-1.amazonaws.com:9098,b-1.shop.a1bcde.c1.kafka.us-east-1.amazonaws.com:9098",
          "records": {
            "shop-in-1": [
              {"topic": "shop-in", "partition": 1, "offset": 7, "timestamp": 1772366400000, "timestampType": "CREATE_TIME",
               "key": "%s", "value": "%s", "headers": []},
              {"topic": "shop-in", "partition": 1, "offset": 8, "timestamp": 1772366400500, "timestampType": "CREATE_TIME",
               "key": "%s", "value": "%s", "headers": [{"trace": [116, 49]}]}
            ],
            "shop-in-0": [
              {"topic": "shop-in", "partition": 0, "offset": 16, "timestamp": 1772366401000, "timestampType": "LOG_APPEND_TIME",
               "value": "%s", "headers": []},
              {"topic": "shop-in", "partition": 0, "offset": 15, "timestamp": 1772366399000, "timestampType": "CREATE_TIME",
               "key": "%s", "value": "%s",
               "headers": [{"runnel-id": %s}, {"trace": [116, 50]}]}
            ]
          }
        }
        """.formatted(b64("carol"), b64(order("o3", "carol")), b64("dave"), b64(order("o4", "dave")),
        b64("not json"), b64("alice"), b64(order("o1", "alice")), byteArray("r1|up-1|orders-0|41|0|40"));
  }

  @Test
  void theRuntimesParseAndOursGiveOneBatchPerPartitionInOffsetOrder() throws Exception {
    KafkaEvent runtime = RUNTIME_EVENTS.fromJson(new ByteArrayInputStream(event().getBytes(StandardCharsets.UTF_8)));
    KafkaEvent ours = KafkaEventJson.parse(new ByteArrayInputStream(event().getBytes(StandardCharsets.UTF_8)));

    List<PartitionBatch> batches = KafkaEventRecords.of(ours);

    assertThat(batches).extracting(PartitionBatch::partition).containsExactly("shop-in-1", "shop-in-0");
    // the runtime may keep the partitions in another order; within a partition the order is the offsets'
    assertThat(described(KafkaEventRecords.of(runtime))).containsExactlyInAnyOrderElementsOf(described(batches));
    List<InputRecord> zero = batches.get(1).records();
    assertThat(zero).extracting(InputRecord::position).containsExactly("shop-in-0/15", "shop-in-0/16");
    assertThat(zero.get(0).partitionKey()).isEqualTo("r1|up-1|orders-0|41|0|40"); // the identity header wins
    assertThat(zero.get(0).arrivalMillis()).isEqualTo(1772366399000L);
    assertThat(new String(zero.get(0).data(), StandardCharsets.UTF_8)).isEqualTo(order("o1", "alice"));
    assertThat(zero.get(1).partitionKey()).isEmpty(); // no key, no header
    assertThat(batches.get(0).records()).extracting(InputRecord::partitionKey).containsExactly("carol", "dave");
  }

  @Test
  void eachPartitionRunsAsABatchAndAFailedWriteIsReportedByPartitionAndOffset() throws Exception {
    Function function = Function.create((call, entry) -> entry.partitionKey().equals("carol"));

    ByteArrayOutputStream answered = new ByteArrayOutputStream();
    new KafkaStageStreamHandler(function.handler())
        .handleRequest(new ByteArrayInputStream(event().getBytes(StandardCharsets.UTF_8)), answered, null);

    assertThat(answered.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":{\"partition\":\"shop-in-1\",\"offset\":7}}]}");
    assertThat(function.shipments()).containsExactly("dave", "alice");
    assertThat(function.deadLetterItems()).singleElement().satisfies(item -> {
      assertThat(item.get("source").s()).isEqualTo(ShopPlans.STAGE + "/shop-in-0");
      assertThat(item.get("position").s()).isEqualTo("16");
    });
    assertThat(function.handler().stage().metrics().recordsIn()).isEqualTo(4);
  }

  @Test
  void aPartitionThatThrowsFailsTheInvocationAfterTheOtherPartitionsRan() throws Exception {
    Function function = Function.create((call, entry) -> false);
    List<String> ran = new ArrayList<>();
    KafkaStageHandler handler = new KafkaStageHandler(function.handler().stage(), (records, context) -> {
      ran.add(records.get(0).shardId());
      if (records.get(0).shardId().equals("shop-in-1")) {
        throw new InternalError("stage crashed");
      }
      return function.handler().stage().handleRecords(records, context);
    });
    KafkaEvent event = KafkaEventJson.parse(new ByteArrayInputStream(event().getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> handler.handle(event, null)).isInstanceOf(InternalError.class)
        .hasMessage("stage crashed");
    assertThat(ran).containsExactly("shop-in-1", "shop-in-0");
    assertThat(function.shipments()).containsExactly("alice"); // partition 0 ran after partition 1 threw
  }

  @Test
  void anEventWithoutRecordsSucceeds() {
    Function function = Function.create((call, entry) -> false);
    KafkaEvent empty = new KafkaEvent();

    assertThat(function.handler().handle(empty, null).batchItemFailures()).isEmpty();
  }

  private record Function(KafkaStageHandler handler, FakeKinesis kinesis, FakeDynamoDb dynamoDb) {
    static Function create(java.util.function.BiPredicate<Integer, PutRecordsRequestEntry> failing) {
      FakeKinesis kinesis = new FakeKinesis().failing(failing);
      FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of(
          SHIPMENTS_TABLE, List.of("shipmentId"), DEAD_LETTERS, List.of("source", "position")));
      StageHandler stage = new StageHandler(ShopPlans.plan(), ShopPlans.STAGE,
          new StageResources(kinesis, dynamoDb, (sink, json) -> { }), RetryPolicy.immediate(4), CLOCK);
      return new Function(new KafkaStageHandler(stage), kinesis, dynamoDb);
    }

    List<String> shipments() {
      return kinesis.accepted(SHIPMENTS_STREAM).stream().map(PutRecordsRequestEntry::partitionKey).toList();
    }

    List<Map<String, AttributeValue>> deadLetterItems() {
      return dynamoDb.items(DEAD_LETTERS);
    }
  }

  private static List<String> described(List<PartitionBatch> batches) {
    return batches.stream().flatMap(b -> b.records().stream().map(r -> b.partition() + " " + r.position() + " "
        + r.partitionKey() + " " + r.arrivalMillis() + " " + new String(r.data(), StandardCharsets.UTF_8))).toList();
  }

  private static String order(String id, String customer) throws Exception {
    return JSON.writeValueAsString(new Order(id, customer, "FR", List.of(new Line("A", 2, 600))));
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String byteArray(String text) {
    StringBuilder out = new StringBuilder("[");
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      out.append(out.length() > 1 ? ", " : "").append(b);
    }
    return out.append(']').toString();
  }
}
