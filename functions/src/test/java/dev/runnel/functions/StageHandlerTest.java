package dev.runnel.functions;

import static dev.runnel.functions.fixtures.ShopPlans.DEAD_LETTERS;
import static dev.runnel.functions.fixtures.ShopPlans.ROUTED_STREAM;
import static dev.runnel.functions.fixtures.ShopPlans.SHIPMENTS_STREAM;
import static dev.runnel.functions.fixtures.ShopPlans.SHIPMENTS_TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.ShopJob.Line;
import dev.runnel.functions.fixtures.ShopJob.Order;
import dev.runnel.functions.fixtures.ShopPlans;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

class StageHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final String SHARD = "shardId-000000000007";

  private final FakeKinesis kinesis = new FakeKinesis();
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of(
      SHIPMENTS_TABLE, List.of("shipmentId"), DEAD_LETTERS, List.of("source", "position")));
  private final List<String> console = new ArrayList<>();
  private final List<String> metrics = new ArrayList<>();

  private StageHandler handler(Plan plan) {
    return new StageHandler(plan, ShopPlans.STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> console.add("[" + sink + "] " + json))
            .withMetrics(metrics::add),
        RetryPolicy.immediate(4), CLOCK);
  }

  private static String order(String id, String customer, String country, Line... lines) throws Exception {
    return JSON.writeValueAsString(new Order(id, customer, country, List.of(lines)));
  }

  @Test
  void aWriteTheServiceRefusesIsNarrowedToTheRecordThatOwnsItWhichGoesToTheDeadLetters() throws Exception {
    dynamoDb.refusing(item -> item.containsKey("shipmentId") && item.get("shipmentId").s().startsWith("bad"));
    KinesisEvents events = KinesisEvents.onShard(SHARD);
    for (int i = 1; i <= 9; i++) {
      events.add(Integer.toString(100 * i), "pk-" + i,
          order((i == 6 ? "bad" : "o") + i, "c" + i, "FR", new Line("A", 1, 2_000)));
    }
    StageHandler handler = handler(ShopPlans.plan());

    StreamsEventResponse response = handler.handleRequest(events.build(), null);

    assertThat(response.getBatchItemFailures()).as("nothing left for Lambda to retry").isEmpty();
    assertThat(dynamoDb.items(SHIPMENTS_TABLE)).extracting(item -> item.get("shipmentId").s())
        .containsExactlyInAnyOrder("o1-1", "o2-1", "o3-1", "o4-1", "o5-1", "o7-1", "o8-1", "o9-1");
    assertThat(dynamoDb.items(DEAD_LETTERS)).singleElement().satisfies(item -> {
      assertThat(item.get("sequenceNumber").s()).isEqualTo("600");
      assertThat(item.get("errorType").s()).isEqualTo("write");
      assertThat(item.get("error").s()).contains("shop-1", SHARD, "600", "ValidationException");
      assertThat(item.get("payload").b().asUtf8String()).contains("\"bad6\"");
    });
  }

  @Test
  void writesEveryOutputOfEveryRecordWithKeyBasedPartitionKeys() throws Exception {
    KinesisEvent event = KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", order("o1", "alice", "FR", new Line("A", 2, 600), new Line("B", 1, 500)))
        .add("200", "pk-2", order("o2", "bob", "US", new Line("C", 3, 1000)))
        .add("300", "pk-3", order("o3", "", "FR", new Line("D", 1, 5000)))
        .build();
    StageHandler handler = handler(ShopPlans.plan());

    StreamsEventResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(kinesis.accepted(ROUTED_STREAM)).extracting(PutRecordsRequestEntry::partitionKey)
        .containsExactly("alice", "bob");
    JsonNode routed = JSON.readTree(kinesis.accepted(ROUTED_STREAM).get(0).data().asByteArray());
    assertThat(routed.get("orderId").asText()).isEqualTo("o1");
    assertThat(routed.get("region").asText()).isEqualTo("eu");
    assertThat(kinesis.accepted(SHIPMENTS_STREAM)).extracting(e -> e.partitionKey() + "=" + shipmentId(e))
        .containsExactly("alice=o1-1", "bob=o2-1");
    assertThat(kinesis.accepted("shop-raw")).extracting(PutRecordsRequestEntry::partitionKey)
        .containsExactly("pk-1", "pk-2", "pk-3");
    assertThat(dynamoDb.items(SHIPMENTS_TABLE)).containsExactly(
        Map.of("shipmentId", s("o1-1"), "customer", s("alice"), "region", s("eu"), "sku", s("A"),
            "quantity", n("2"), "cents", n("1200")),
        Map.of("shipmentId", s("o2-1"), "customer", s("bob"), "region", s("na"), "sku", s("C"),
            "quantity", n("3"), "cents", n("3000")));
    assertThat(console).containsExactly(
        "[shipments-console] {\"shipmentId\":\"o1-1\",\"customer\":\"alice\",\"region\":\"eu\",\"sku\":\"A\","
            + "\"quantity\":2,\"cents\":1200}",
        "[shipments-console] {\"shipmentId\":\"o2-1\",\"customer\":\"bob\",\"region\":\"na\",\"sku\":\"C\","
            + "\"quantity\":3,\"cents\":3000}");
    assertThat(dynamoDb.items(DEAD_LETTERS)).isEmpty();

    StageMetrics metrics = handler.metrics();
    assertThat(metrics.invocations()).isEqualTo(1);
    assertThat(metrics.recordsIn()).isEqualTo(3);
    assertThat(metrics.recordsOut()).containsExactlyInAnyOrderEntriesOf(Map.of(ROUTED_STREAM, 2L,
        SHIPMENTS_TABLE, 2L, SHIPMENTS_STREAM, 2L, "raw-copy", 3L, "shipments-console", 2L));
    assertThat(metrics.filteredOut()).as("o3 by valid, o1-2 by large").isEqualTo(2);
    assertThat(metrics.deadLettered()).isZero();
    assertThat(metrics.putRecordsCalls()).as("one call per stream").isEqualTo(3);
    assertThat(metrics.putRecordsEntriesRetried()).isZero();
    assertThat(metrics.batchWriteItemCalls()).isEqualTo(1);
  }

  @Test
  void poisonRecordsGoToTheDeadLettersWithPayloadAndContextWhileTheRestFlows() throws Exception {
    String malformed = "{\"id\":\"o2\",\"customer\":";
    String nullQuantity = "{\"id\":\"o4\",\"customer\":\"dan\",\"country\":\"FR\","
        + "\"lines\":[{\"sku\":\"A\",\"quantity\":null,\"unitCents\":100}]}";
    KinesisEvent first = KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", order("o1", "alice", "FR", new Line("A", 2, 600)))
        .add("200", "pk-2", malformed)
        .add("300", "pk-3", order("o3", "carol", "ZZ", new Line("B", 9, 900)))
        .add("400", "pk-4", nullQuantity)
        .add("500", "pk-5", order("o5", "erin", "DE", new Line("C", 1, 1500)))
        .add("550", "pk-55", order("o55", "gus", "FR", new Line("E", 1, 1500)) + " trailing")
        .build();
    StageHandler handler = handler(ShopPlans.plan());

    StreamsEventResponse response = handler.handleRequest(first, null);

    assertThat(response.getBatchItemFailures()).as("a poison record never fails the batch").isEmpty();
    assertThat(kinesis.accepted("shop-raw")).as("outputs of failed records are not written, not even the raw copy")
        .extracting(PutRecordsRequestEntry::partitionKey).containsExactly("pk-1", "pk-5");
    assertThat(kinesis.accepted(SHIPMENTS_STREAM)).extracting(this::shipmentId).containsExactly("o1-1", "o5-1");
    assertThat(kinesis.accepted(ROUTED_STREAM)).extracting(PutRecordsRequestEntry::partitionKey)
        .containsExactly("alice", "erin");
    assertThat(dynamoDb.items(SHIPMENTS_TABLE)).extracting(i -> i.get("shipmentId").s())
        .containsExactly("o1-1", "o5-1");

    List<Map<String, AttributeValue>> dead = dynamoDb.items(DEAD_LETTERS);
    assertThat(dead).extracting(i -> i.get("position").s()).containsExactly("200", "300", "400", "550");
    Map<String, AttributeValue> decode = dead.get(0);
    assertThat(decode.get("source").s()).isEqualTo("shop-1/" + SHARD);
    assertThat(decode.get("payload").b().asUtf8String()).isEqualTo(malformed);
    assertThat(decode.get("payloadTruncated").bool()).isFalse();
    assertThat(decode.get("payloadBytes").n()).isEqualTo(Integer.toString(malformed.length()));
    assertThat(decode.get("errorType").s()).isEqualTo("decode");
    assertThat(decode.get("operator").s()).isEqualTo("json");
    assertThat(decode.get("job").s()).isEqualTo("shop");
    assertThat(decode.get("stage").s()).isEqualTo("shop-1");
    assertThat(decode.get("shard").s()).isEqualTo(SHARD);
    assertThat(decode.get("sequenceNumber").s()).isEqualTo("200");
    assertThat(decode.get("partitionKey").s()).isEqualTo("pk-2");
    assertThat(decode.get("failedAt").s()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(decode.get("expiresAt").n()).as("failedAt plus the plan's 14 days, in epoch seconds")
        .isEqualTo(Long.toString(Instant.parse("2026-03-15T12:00:00Z").getEpochSecond()));
    assertThat(decode.get("error").s()).contains("job 'shop'", "stage 'shop-1'", SHARD, "sequence number 200",
        "codec 'json'", "JsonEOFException");
    Map<String, AttributeValue> operator = dead.get(1);
    assertThat(operator.get("errorType").s()).isEqualTo("operator");
    assertThat(operator.get("operator").s()).isEqualTo("route");
    assertThat(operator.get("error").s()).contains("sequence number 300", "operator 'route'",
        "IllegalArgumentException: no region serves country ZZ");
    assertThat(operator.get("payload").b().asUtf8String()).contains("\"carol\"");
    assertThat(dead.get(2).get("errorType").s()).isEqualTo("decode");
    assertThat(dead.get(2).get("error").s()).contains("field 'lines[0].quantity' is int, but the value is null")
        .doesNotContain("LENIENT");

    KinesisEvent later = KinesisEvents.onShard(SHARD)
        .add("600", "pk-6", order("o6", "fay", "NL", new Line("D", 4, 700)))
        .build();
    assertThat(handler.handleRequest(later, null).getBatchItemFailures()).isEmpty();
    assertThat(kinesis.accepted(SHIPMENTS_STREAM)).extracting(this::shipmentId)
        .containsExactly("o1-1", "o5-1", "o6-1");
    assertThat(handler.metrics().deadLettered()).isEqualTo(4);
    List<JsonNode> invocationDocuments = new ArrayList<>();
    for (String metric : metrics) {
      invocationDocuments.add(JSON.readTree(metric));
    }
    assertThat(invocationDocuments).as("one metric document per invocation").hasSize(2);
    assertThat(invocationDocuments).allSatisfy(StageHandlerTest::followsTheEmbeddedMetricFormat);
    assertThat(invocationDocuments).extracting(d -> d.get("RecordsIn").asLong()).containsExactly(6L, 1L);
    assertThat(invocationDocuments).extracting(d -> d.get("DeadLettered").asLong()).containsExactly(4L, 0L);
    assertThat(invocationDocuments.stream().mapToLong(d -> d.get("RecordsWritten").asLong()).sum())
        .isEqualTo(handler.metrics().totalOut());
    assertThat(invocationDocuments).extracting(d -> d.get("Stage").asText()).containsOnly("shop-1");
    assertThat(invocationDocuments.get(0).get("EstimatedCostUsd").asDouble()).isPositive();
    assertThat(invocationDocuments.get(0).get("Job").asText()).isEqualTo("shop");
    assertThat(invocationDocuments.get(0).at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Runnel");
    assertThat(handler.metrics().recordsIn()).isEqualTo(7);
    assertThat(handler.metrics().invocations()).isEqualTo(2);
  }

  @Test
  void anOversizedOutputSendsItsInputToTheDeadLettersAndNoneOfItsOutputsAreWritten() throws Exception {
    String hugeSku = "x".repeat(450 * 1024);
    KinesisEvent event = KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", order("o1", "alice", "FR", new Line("A", 1, 5000), new Line(hugeSku, 1, 5000)))
        .add("200", "pk-2", order("o2", "bob", "FR", new Line("B", 1, 5000)))
        .build();

    StreamsEventResponse response = handler(ShopPlans.plan()).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(dynamoDb.items(SHIPMENTS_TABLE)).extracting(i -> i.get("shipmentId").s()).containsExactly("o2-1");
    assertThat(kinesis.accepted(SHIPMENTS_STREAM)).extracting(this::shipmentId).containsExactly("o2-1");
    assertThat(kinesis.accepted(ROUTED_STREAM)).extracting(PutRecordsRequestEntry::partitionKey)
        .containsExactly("bob");
    assertThat(console).hasSize(1);
    Map<String, AttributeValue> dead = dynamoDb.items(DEAD_LETTERS).get(0);
    assertThat(dead.get("errorType").s()).isEqualTo("oversize");
    assertThat(dead.get("operator").s()).isEqualTo(SHIPMENTS_TABLE);
    assertThat(dead.get("error").s()).contains("output 'shop-shipments'", "table shop-shipments",
        "limited to 409600 bytes").containsPattern("a \\d{6}-byte item");
  }

  @Test
  void aKinesisRecordOverOneMebibyteIsOversize() throws Exception {
    String hugeSku = "y".repeat(1024 * 1024);
    Plan plan = ShopPlans.passthrough(
        new OutputSpec("copy", OutputKind.STREAM, ShopPlans.SOURCE, "copy-stream", "customer", ShopPlans.orderType()));
    KinesisEvent event = KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", order("o1", "alice", "FR", new Line(hugeSku, 1, 1))).build();

    handler(plan).handleRequest(event, null);

    assertThat(kinesis.calls()).isEmpty();
    Map<String, AttributeValue> dead = dynamoDb.items(DEAD_LETTERS).get(0);
    assertThat(dead.get("errorType").s()).isEqualTo("oversize");
    assertThat(dead.get("error").s()).contains("output 'copy'", "stream copy-stream", "1048576 bytes");
  }

  @Test
  void aNullOrMissingKeyIsAKeyError() throws Exception {
    Plan plan = ShopPlans.passthrough(
        new OutputSpec("by-customer", OutputKind.STREAM, ShopPlans.SOURCE, "by-customer", "customer",
            ShopPlans.orderType()));
    KinesisEvent event = KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", order("o1", null, "FR"))
        .add("200", "pk-2", order("o2", "bob", "FR"))
        .build();

    handler(plan).handleRequest(event, null);

    assertThat(kinesis.accepted("by-customer")).extracting(PutRecordsRequestEntry::partitionKey)
        .containsExactly("bob");
    Map<String, AttributeValue> dead = dynamoDb.items(DEAD_LETTERS).get(0);
    assertThat(dead.get("errorType").s()).isEqualTo("key");
    assertThat(dead.get("operator").s()).isEqualTo("by-customer");
    assertThat(dead.get("error").s()).contains("key field 'customer' is null");
  }

  @Test
  void aTableSinkKeyedByAnotherFieldStoresItsKeyAsAString() throws Exception {
    Plan plan = ShopPlans.passthrough(
        new OutputSpec("orders", OutputKind.TABLE, ShopPlans.SOURCE, "orders-by-customer", "customer",
            ShopPlans.orderType()));
    FakeDynamoDb tables = new FakeDynamoDb(Map.of("orders-by-customer", List.of("customer"),
        DEAD_LETTERS, List.of("source", "position")));
    StageHandler handler = new StageHandler(plan, ShopPlans.STAGE, new StageResources(kinesis, tables,
        (sink, json) -> {}), RetryPolicy.immediate(2), CLOCK);

    handler.handleRequest(KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", order("o1", "alice", "FR", new Line("A", 2, 600))).build(), null);

    assertThat(tables.items("orders-by-customer")).containsExactly(Map.of(
        "customer", s("alice"), "id", s("o1"), "country", s("FR"),
        "lines", AttributeValue.fromL(List.of(AttributeValue.fromM(
            Map.of("sku", s("A"), "quantity", n("2"), "unitCents", n("600")))))));
  }

  @Test
  void retriesOnlyTheFailedPutRecordsEntries() throws Exception {
    kinesis.failing((call, entry) -> call <= 2 && entry.partitionKey().equals("bob"));
    KinesisEvent event = KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", order("o1", "alice", "FR", new Line("A", 2, 600)))
        .add("200", "pk-2", order("o2", "bob", "FR", new Line("B", 2, 600)))
        .build();
    Plan plan = ShopPlans.passthrough(
        new OutputSpec("by-customer", OutputKind.STREAM, ShopPlans.SOURCE, "by-customer", "customer",
            ShopPlans.orderType()));
    StageHandler handler = handler(plan);

    StreamsEventResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(kinesis.calls()).extracting(c -> c.records().stream().map(PutRecordsRequestEntry::partitionKey)
        .toList()).containsExactly(List.of("alice", "bob"), List.of("bob"), List.of("bob"));
    assertThat(kinesis.accepted("by-customer")).extracting(PutRecordsRequestEntry::partitionKey)
        .containsExactly("alice", "bob");
    assertThat(handler.metrics().putRecordsCalls()).isEqualTo(3);
    assertThat(handler.metrics().putRecordsEntriesRetried()).isEqualTo(2);
  }

  @Test
  void reportsTheLowestRecordWhoseOutputsWereNotAllWritten() throws Exception {
    kinesis.failing((call, entry) -> entry.partitionKey().equals("carol"));
    KinesisEvent event = KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", order("o1", "alice", "FR", new Line("A", 2, 600)))
        .add("200", "pk-2", order("o2", "zed", "ZZ", new Line("A", 2, 600)))
        .add("300", "pk-3", order("o3", "carol", "FR", new Line("B", 2, 600)))
        .add("400", "pk-4", order("o4", "dave", "FR", new Line("C", 2, 600)))
        .add("500", "pk-5", order("o5", "carol", "FR", new Line("D", 2, 600)))
        .build();
    StageHandler handler = handler(ShopPlans.plan());

    StreamsEventResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
        .containsExactly("300");
    assertThat(kinesis.accepted(SHIPMENTS_STREAM)).extracting(this::shipmentId)
        .containsExactly("o1-1", "o4-1");
    assertThat(dynamoDb.items(DEAD_LETTERS)).extracting(i -> i.get("position").s()).containsExactly("200");
    assertThat(handler.metrics().putRecordsCalls()).as("routed and shipments streams fail for carol: 4 attempts each,"
        + " raw copy succeeds at once").isEqualTo(4 + 4 + 1);
  }

  @Test
  void anUnwrittenDeadLetterIsReportedAsAFailedRecord() throws Exception {
    dynamoDb.unprocessed((call, item) -> item.containsKey("errorType"));
    KinesisEvent event = KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", order("o1", "alice", "FR", new Line("A", 2, 600)))
        .add("200", "pk-2", "not json")
        .add("300", "pk-3", order("o3", "carol", "FR", new Line("B", 2, 600)))
        .build();

    StreamsEventResponse response = handler(ShopPlans.plan()).handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
        .containsExactly("200");
    assertThat(dynamoDb.items(SHIPMENTS_TABLE)).hasSize(2);
  }

  @Test
  void truncatesLargePayloadsInTheDeadLetters() {
    byte[] payload = new byte[500 * 1024];
    Arrays.fill(payload, (byte) '[');
    KinesisEvent event = KinesisEvents.onShard(SHARD).add("100", "pk-1", payload).build();

    handler(ShopPlans.plan()).handleRequest(event, null);

    Map<String, AttributeValue> dead = dynamoDb.items(DEAD_LETTERS).get(0);
    assertThat(dead.get("payload").b().asByteArray()).hasSize(350 * 1024);
    assertThat(dead.get("payloadTruncated").bool()).isTrue();
    assertThat(dead.get("payloadBytes").n()).isEqualTo(Integer.toString(500 * 1024));
  }

  @Test
  void decodesWithAUserCodecNamedInThePlan() throws Exception {
    Plan plan = ShopPlans.plan("dev.runnel.functions.fixtures.ShopJob$SemicolonCodec");
    KinesisEvent event = KinesisEvents.onShard(SHARD)
        .add("100", "pk-1", "o1;alice;FR;A;2;600")
        .add("200", "pk-2", "o2;bob")
        .build();

    handler(plan).handleRequest(event, null);

    assertThat(kinesis.accepted(SHIPMENTS_STREAM)).extracting(this::shipmentId).containsExactly("o1-1");
    Map<String, AttributeValue> dead = dynamoDb.items(DEAD_LETTERS).get(0);
    assertThat(dead.get("operator").s()).isEqualTo("dev.runnel.functions.fixtures.ShopJob$SemicolonCodec");
    assertThat(dead.get("error").s()).contains("expected 6 fields, got 2");
  }

  @Test
  void anEmptyEventIsASuccess() {
    StageHandler handler = handler(ShopPlans.plan());

    assertThat(handler.handleRequest(new KinesisEvent(), null).getBatchItemFailures()).isEmpty();
    assertThat(handler.metrics().invocations()).isEqualTo(1);
    assertThat(handler.metrics().recordsIn()).isZero();
  }

  @Test
  void rejectsAPlanThatDoesNotMatchTheJobAtConstruction() {
    Plan plan = ShopPlans.passthrough(
        new OutputSpec("by-nothing", OutputKind.STREAM, ShopPlans.SOURCE, "s", "nosuchfield", ShopPlans.orderType()));

    assertThatThrownBy(() -> handler(plan)).hasMessageContaining("no readable field 'nosuchfield'");
    assertThatThrownBy(() -> new StageHandler(ShopPlans.plan(), "shop-9",
        new StageResources(kinesis, dynamoDb, ConsoleOutput.stdout()))).hasMessageContaining("no stage 'shop-9'");
  }

  @Test
  void metricsOfSeveralHandlersAddUp() throws Exception {
    StageHandler a = handler(ShopPlans.plan());
    StageHandler b = handler(ShopPlans.plan());
    a.handleRequest(KinesisEvents.onShard(SHARD).add("1", "k", order("o1", "al", "FR", new Line("A", 2, 600)))
        .build(), null);
    b.handleRequest(KinesisEvents.onShard(SHARD).add("2", "k", order("o2", "bo", "FR", new Line("A", 2, 600)))
        .add("3", "k", "bad").build(), null);

    StageMetrics sum = a.metrics().plus(b.metrics());

    assertThat(sum.invocations()).isEqualTo(2);
    assertThat(sum.recordsIn()).isEqualTo(3);
    assertThat(sum.recordsOut(SHIPMENTS_STREAM)).isEqualTo(2);
    assertThat(sum.deadLettered()).isEqualTo(1);
  }

  private String shipmentId(PutRecordsRequestEntry entry) {
    try {
      return JSON.readTree(entry.data().asString(StandardCharsets.UTF_8)).get("shipmentId").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  /**
   * What the Embedded Metric Format specification requires of a document: {@code _aws.Timestamp} in epoch
   * milliseconds; {@code _aws.CloudWatchMetrics}, directives with a Namespace, Dimensions (sets of 1 to 30 names, each a
   * top-level string member) and Metrics (at most 100, each with a Name whose value is a top-level number); the
   * dimensions Runnel's alarms use, Job and Stage, and no Shard.
   */
  static void followsTheEmbeddedMetricFormat(JsonNode document) {
    JsonNode aws = document.get("_aws");
    assertThat(aws.get("Timestamp").isIntegralNumber()).as("_aws.Timestamp, epoch milliseconds").isTrue();
    assertThat(aws.get("Timestamp").asLong()).isEqualTo(CLOCK.millis());
    assertThat(aws.get("CloudWatchMetrics").isArray()).isTrue();
    for (JsonNode directive : aws.get("CloudWatchMetrics")) {
      assertThat(directive.get("Namespace").asText()).isEqualTo("Runnel");
      assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Job\",\"Stage\"]]");
      for (JsonNode set : directive.get("Dimensions")) {
        assertThat(set.size()).isBetween(1, 30);
        set.forEach(name -> assertThat(document.get(name.asText()).isTextual()).as("dimension %s", name).isTrue());
      }
      assertThat(directive.get("Metrics").size()).isBetween(1, 100);
      for (JsonNode metric : directive.get("Metrics")) {
        String name = metric.get("Name").asText();
        assertThat(document.get(name)).as("the value of metric %s", name).isNotNull();
        assertThat(document.get(name).isNumber()).as("metric %s is a number", name).isTrue();
        assertThat(metric.get("Unit").asText()).isIn("Count", "Milliseconds", "None");
      }
      List<String> names = new ArrayList<>();
      directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
      assertThat(names).contains("RecordsIn", "RecordsWritten", "RecordsFiltered", "DeadLettered", "RecordsSkipped",
          "BatchDurationMillis", "StateRequests", "StateCapacityUnits", "StateLogRequests", "CheckpointRequests",
          "PutRecordsRequests", "ThrottledRequests", "ModelCalls", "ModelCallFailures", "ModelInputTokens",
          "ModelOutputTokens", "EstimatedCostUsd");
    }
    assertThat(document.has("Shard")).isFalse();
  }
}
