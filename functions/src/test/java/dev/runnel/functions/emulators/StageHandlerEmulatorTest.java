package dev.runnel.functions.emulators;

import static dev.runnel.functions.fixtures.ShopPlans.DEAD_LETTERS;
import static dev.runnel.functions.fixtures.ShopPlans.ROUTED_STREAM;
import static dev.runnel.functions.fixtures.ShopPlans.SHIPMENTS_STREAM;
import static dev.runnel.functions.fixtures.ShopPlans.SHIPMENTS_TABLE;
import static dev.runnel.functions.fixtures.ShopPlans.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.emulators.KinesisLocal;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.LambdaColdStart;
import dev.runnel.functions.fixtures.ShopJob.Line;
import dev.runnel.functions.fixtures.ShopJob.Order;
import dev.runnel.functions.fixtures.ShopPlans;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The handler against real emulators: kinesis-local for every stream and DynamoDB Local for the sink and
 * dead-letter tables. Events are built from records read back with GetRecords, so shard ids and sequence numbers
 * are the emulator's, as the event source mapping would deliver them.
 */
class StageHandlerEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DynamoDbLocal dynamoDbLocal;
  private static KinesisLocal kinesisLocal;
  private static DynamoDbClient dynamoDb;
  private static KinesisClient kinesis;
  private static final List<String> console = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startEmulators() {
    dynamoDbLocal = new DynamoDbLocal().start();
    kinesisLocal = new KinesisLocal().start();
    dynamoDb = dynamoDbLocal.client();
    kinesis = kinesisLocal.client();
    for (String stream : List.of(SOURCE, ROUTED_STREAM, SHIPMENTS_STREAM, "shop-raw")) {
      kinesis.createStream(b -> b.streamName(stream).shardCount(1));
    }
    for (String stream : List.of(SOURCE, ROUTED_STREAM, SHIPMENTS_STREAM, "shop-raw")) {
      awaitActive(stream);
    }
    createTable(SHIPMENTS_TABLE, "shipmentId", null);
    createTable(DEAD_LETTERS, "source", "position");
  }

  @AfterAll
  static void stopEmulators() {
    if (kinesis != null) {
      kinesis.close();
    }
    if (dynamoDb != null) {
      dynamoDb.close();
    }
    if (kinesisLocal != null) {
      kinesisLocal.close();
    }
    if (dynamoDbLocal != null) {
      dynamoDbLocal.close();
    }
  }

  @Test
  void aPoisonRecordLandsInTheDeadLetterTableAndEveryOtherRecordFlowsExactlyOnce() throws Exception {
    StageHandler handler = new StageHandler(ShopPlans.plan(), ShopPlans.STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> console.add(json)));
    String malformed = "{\"id\":\"p2\",\"customer\":\"bob\",\"country\":";
    List<Record> first = putAndRead(SOURCE, null,
        "pk-1", order("p1", "alice", "FR", new Line("A", 2, 600), new Line("B", 1, 100)),
        "pk-2", malformed,
        "pk-3", order("p3", "carol", "US", new Line("C", 1, 2500)));

    StreamsEventResponse response = handler.handleRequest(event(first), null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(ours(SHIPMENTS_STREAM, "shipmentId")).extracting(r -> r.partitionKey() + "=" + field(r, "shipmentId"))
        .containsExactlyInAnyOrder("alice=p1-1", "carol=p3-1");
    assertThat(ours(ROUTED_STREAM, "orderId")).extracting(Record::partitionKey)
        .containsExactlyInAnyOrder("alice", "carol");
    assertThat(ours("shop-raw", "id")).extracting(Record::partitionKey).containsExactlyInAnyOrder("pk-1", "pk-3");
    assertThat(item(SHIPMENTS_TABLE, Map.of("shipmentId", s("p1-1"))))
        .containsEntry("cents", AttributeValue.fromN("1200")).containsEntry("region", s("eu"));
    assertThat(item(SHIPMENTS_TABLE, Map.of("shipmentId", s("p1-2")))).as("filtered out by large").isEmpty();

    Record poison = first.get(1);
    String shardId = shardId(SOURCE);
    Map<String, AttributeValue> dead = item(DEAD_LETTERS,
        Map.of("source", s("shop-1/" + shardId), "position", s(poison.sequenceNumber())));
    assertThat(dead).isNotEmpty();
    assertThat(dead.get("payload").b().asUtf8String()).isEqualTo(malformed);
    assertThat(dead.get("errorType").s()).isEqualTo("decode");
    assertThat(dead.get("operator").s()).isEqualTo("json");
    assertThat(dead.get("partitionKey").s()).isEqualTo("pk-2");
    assertThat(dead.get("error").s()).contains("job 'shop'", "stage 'shop-1'", shardId,
        "sequence number " + poison.sequenceNumber(), "codec 'json'");
    assertThat(dead.get("failedAt").s()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(Long.parseLong(dead.get("expiresAt").n())).as("DynamoDB's TTL deletes it 14 days after it failed")
        .isEqualTo(java.time.Instant.parse(dead.get("failedAt").s()).getEpochSecond() + 14L * 24 * 3600);

    List<Record> later = putAndRead(SOURCE, first.get(2).sequenceNumber(),
        "pk-4", order("p4", "dan", "DE", new Line("D", 5, 300)));
    assertThat(handler.handleRequest(event(later), null).getBatchItemFailures()).isEmpty();
    assertThat(ours(SHIPMENTS_STREAM, "shipmentId")).extracting(r -> field(r, "shipmentId"))
        .containsExactlyInAnyOrder("p1-1", "p3-1", "p4-1");
    assertThat(item(SHIPMENTS_TABLE, Map.of("shipmentId", s("p4-1")))).containsEntry("customer", s("dan"));
    assertThat(handler.metrics().deadLettered()).isEqualTo(1);
    assertThat(handler.metrics().recordsIn()).isEqualTo(4);
  }

  @Test
  void aTruncatedDeadLetterOfAHalfMegabytePayloadFitsInARealItem() {
    StageHandler handler = new StageHandler(ShopPlans.plan(), ShopPlans.STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> console.add(json)));
    byte[] payload = new byte[512 * 1024];
    Arrays.fill(payload, (byte) '{');
    KinesisEvent event = KinesisEvents.onShard("shardId-000000000042").add("777", "big", payload).build();

    assertThat(handler.handleRequest(event, null).getBatchItemFailures()).isEmpty();

    Map<String, AttributeValue> dead = item(DEAD_LETTERS,
        Map.of("source", s("shop-1/shardId-000000000042"), "position", s("777")));
    assertThat(dead.get("payload").b().asByteArray()).hasSize(350 * 1024);
    assertThat(dead.get("payloadTruncated").bool()).isTrue();
    assertThat(dead.get("payloadBytes").n()).isEqualTo(Integer.toString(512 * 1024));
  }

  @Test
  void aMissingSinkTableFailsTheWholeInvocationSoLambdaRetriesIt() throws Exception {
    Plan plan = ShopPlans.passthrough(new OutputSpec("orders", OutputKind.TABLE, SOURCE, "no-such-table", "id",
        ShopPlans.orderType()));
    StageHandler handler = new StageHandler(plan, ShopPlans.STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> {}));
    KinesisEvent event = KinesisEvents.onShard("shardId-000000000000")
        .add("1", "k", order("m1", "alice", "FR", new Line("A", 1, 1))).build();

    assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void theLambdaConstructorConfiguredByEnvironmentVariablesOnlyWritesToTheEmulators() throws Exception {
    String output = inFreshJvm("shardId-000000000009", "9001", "pk-cold",
        order("c1", "cold", "FR", new Line("Z", 1, 4200)), env -> {
          env.put("AWS_ACCESS_KEY_ID", "runnellocal");
          env.put("AWS_SECRET_ACCESS_KEY", "runnellocal");
        });

    assertThat(output).contains("failures=0", "[shipments-console] {\"shipmentId\":\"c1-1\"");
    assertThat(item(SHIPMENTS_TABLE, Map.of("shipmentId", s("c1-1")))).containsEntry("customer", s("cold"));
    assertThat(readAll(SHIPMENTS_STREAM)).extracting(r -> field(r, "shipmentId")).contains("c1-1");
    System.out.println("Lambda cold start in a fresh JVM: " + output.lines()
        .filter(l -> l.startsWith("constructMillis")).findFirst().orElse("?"));
  }

  @Test
  void underSnapStartTheHandlerTakesContainerCredentialsAndNeedsNoAccessKeyVariables() throws Exception {
    String token = "runnel-test-token";
    java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer credentials = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    credentials.createContext("/2021-04-23/credentials", exchange -> {
      boolean authorized = token.equals(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = (authorized ? "{\"AccessKeyId\":\"runnellocal\",\"SecretAccessKey\":\"runnellocal\","
          + "\"Token\":\"container-session\",\"Expiration\":\"" + java.time.Instant.now().plusSeconds(3600) + "\"}"
          : "{\"message\":\"bad token\"}").getBytes(StandardCharsets.UTF_8);
      if (authorized) {
        served.incrementAndGet();
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(authorized ? 200 : 403, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    credentials.start();
    try {
      // as under SnapStart: no access-key variables at all, only the runtime's credentials endpoint and its token
      // (which serves the key DynamoDB Local's tables were created under: it namespaces tables by access key)
      String output = inFreshJvm("shardId-000000000008", "9002", "pk-snap",
          order("s1", "snap", "FR", new Line("Z", 1, 4200)), env -> {
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:" + credentials.getAddress().getPort() + "/2021-04-23/credentials");
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", token);
          });
      assertThat(output).contains("failures=0");
      assertThat(served.get()).as("credentials fetched from the container endpoint").isPositive();
      assertThat(item(SHIPMENTS_TABLE, Map.of("shipmentId", s("s1-1")))).containsEntry("customer", s("snap"));
    } finally {
      credentials.stop(0);
    }
  }

  /**
   * Runs {@link LambdaColdStart} in a fresh JVM with one record, as Lambda starts a function: no {@code AWS_*}
   * variable but the region and what {@code credentials} adds, the stage and plan, and the emulators' endpoints.
   * Returns its output after checking it exited 0.
   */
  private static String inFreshJvm(String shard, String sequence, String key, String payload,
      java.util.function.Consumer<Map<String, String>> credentials) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LambdaColdStart.class.getName(), shard, sequence, key, payload).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("aws."));
    env.put("AWS_REGION", "us-east-1");
    credentials.accept(env);
    env.put("RUNNEL_STAGE", ShopPlans.STAGE);
    env.put("RUNNEL_PLAN_RESOURCE", "/plans/shop.json");
    env.put("RUNNEL_KINESIS_ENDPOINT", kinesisLocal.endpoint().toString());
    env.put("RUNNEL_DYNAMODB_ENDPOINT", dynamoDbLocal.endpoint().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static String order(String id, String customer, String country, Line... lines) throws Exception {
    return JSON.writeValueAsString(new Order(id, customer, country, List.of(lines)));
  }

  /** Puts (partitionKey, payload) pairs one by one, then reads them back from the shard. */
  private static List<Record> putAndRead(String stream, String after, String... keysAndPayloads) {
    for (int i = 0; i < keysAndPayloads.length; i += 2) {
      String key = keysAndPayloads[i];
      byte[] data = keysAndPayloads[i + 1].getBytes(StandardCharsets.UTF_8);
      kinesis.putRecord(b -> b.streamName(stream).partitionKey(key).data(SdkBytes.fromByteArray(data)));
    }
    List<Record> records = read(stream, after);
    assertThat(records).hasSize(keysAndPayloads.length / 2);
    return records;
  }

  private static KinesisEvent event(List<Record> records) {
    KinesisEvents events = KinesisEvents.onShard(shardId(SOURCE));
    for (Record r : records) {
      events.add(r.sequenceNumber(), r.partitionKey(), r.data().asByteArray());
    }
    return events.build();
  }

  private static List<Record> readAll(String stream) {
    return read(stream, null);
  }

  private static List<Record> read(String stream, String afterSequenceNumber) {
    String shardId = shardId(stream);
    String iterator = kinesis.getShardIterator(b -> {
      b.streamName(stream).shardId(shardId);
      if (afterSequenceNumber == null) {
        b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
      } else {
        b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(afterSequenceNumber);
      }
    }).shardIterator();
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 5 && iterator != null; i++) {
      String current = iterator;
      var response = kinesis.getRecords(b -> b.shardIterator(current));
      records.addAll(response.records());
      if (response.millisBehindLatest() != null && response.millisBehindLatest() == 0
          && response.records().isEmpty()) {
        break;
      }
      iterator = response.nextShardIterator();
    }
    return records;
  }

  /** The records of {@code stream} written by the poison-record test, whose ids start with "p". */
  private static List<Record> ours(String stream, String idField) {
    return readAll(stream).stream().filter(r -> field(r, idField).startsWith("p")).toList();
  }

  private static String shardId(String stream) {
    return kinesis.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
  }

  private static String field(Record record, String name) {
    try {
      return JSON.readTree(record.data().asByteArray()).get(name).asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, AttributeValue> item(String table, Map<String, AttributeValue> key) {
    return dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static void createTable(String name, String partitionKey, String sortKey) {
    dynamoDb.createTable(b -> {
      b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
      List<KeySchemaElement> keys = new ArrayList<>();
      List<software.amazon.awssdk.services.dynamodb.model.AttributeDefinition> attributes = new ArrayList<>();
      keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
      attributes.add(software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
          .attributeName(partitionKey).attributeType(ScalarAttributeType.S).build());
      if (sortKey != null) {
        keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
        attributes.add(software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder()
            .attributeName(sortKey).attributeType(ScalarAttributeType.S).build());
      }
      b.keySchema(keys).attributeDefinitions(attributes);
    });
  }

  private static void awaitActive(String stream) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("stream " + stream + " did not become active");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
