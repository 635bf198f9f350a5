package dev.runnel.functions.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.functions.deadletter.DeadLetterItems;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.FailureContext;
import dev.runnel.functions.deadletter.RecordFailure;
import dev.runnel.functions.deadletter.StepFailure;
import dev.runnel.functions.output.ItemSize;
import dev.runnel.functions.output.SizeLimits;
import dev.runnel.functions.output.TableEncoder;
import dev.runnel.functions.output.TableItem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The limits the table encoder checks agree with DynamoDB Local: what the encoder accepts at the edge is stored, what
 * it refuses DynamoDB refuses too; and a dead letter of the worst record still fits.
 */
class OutputLimitsEmulatorTest {
  private static final String TABLE = "limits";
  private static final String DEAD_LETTERS = "limits-dead-letters";
  private static final InputRecord INPUT = new InputRecord("shardId-000000000000", "49", "user-1",
      "{}".getBytes(StandardCharsets.UTF_8));
  private static final TableEncoder ENCODER = new TableEncoder("out", "node", TABLE, List.of("id", "sk"));

  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = dynamoDbLocal.client();
    createTable(TABLE, "id", "sk");
    createTable(DEAD_LETTERS, "source", "position");
  }

  @AfterAll
  static void stop() {
    if (dynamoDb != null) {
      dynamoDb.close();
    }
    if (dynamoDbLocal != null) {
      dynamoDbLocal.close();
    }
  }

  @Test
  void whatTheEncoderAcceptsAtTheEdgeIsStored() throws StepFailure {
    String shard = "shardId-" + "0".repeat(120); // a 128-character shard id, Kinesis' longest
    String filler = "v".repeat(SizeLimits.DYNAMODB_ITEM_BYTES - TableItem.POSITION_RESERVE_BYTES - 2048 - 1024
        - 2 - 2 - 20); // with the 2,048-byte and 1,024-byte keys below, exactly what the encoder allows
    List<Map<String, Object>> edges = List.of(
        record("€".repeat(682) + "ab", "€".repeat(341) + "a", "deep", nested(31)),
        record("p1", "s", "big", new BigDecimal("9.9999999999999999999999999999999999999E+125"),
            "tiny", new BigDecimal("-1E-130"), "round", new BigDecimal("1E+125"),
            "digits", new BigDecimal("12345678901234567890123456789012345678")),
        record("a".repeat(2048), "b".repeat(1024), "f".repeat(20), filler));
    for (Map<String, Object> edge : edges) {
      TableItem item = ((TableItem) ENCODER.encode(edge, INPUT)).withPosition(shard, "9".repeat(56));
      dynamoDb.putItem(b -> b.tableName(TABLE).item(item.item()));
    }
    assertThat(dynamoDb.scan(b -> b.tableName(TABLE)).count()).isEqualTo(3);
  }

  @Test
  void whatTheEncoderRefusesDynamoDbRefusesToo() {
    List<Map<String, Object>> refused = List.of(
        record("€".repeat(683), "s"),
        record("p", "€".repeat(342)),
        record("p", "s", "n", new BigDecimal("1E+126")),
        record("p", "s", "n", new BigDecimal("1E-131")),
        record("p", "s", "n", new BigDecimal("123456789012345678901234567890123456789")),
        record("p", "s", "v", "v".repeat(SizeLimits.DYNAMODB_ITEM_BYTES)));
    assertThatThrownBy(() -> ENCODER.encode(record("p", "s", "deep", nested(32)), INPUT))
        .isInstanceOf(StepFailure.class);
    Map<String, AttributeValue> tooDeep = Map.of("id", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s"),
        "deep", rawNested(32));
    assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName(TABLE).item(tooDeep)))
        .as("DynamoDB Local refuses 32 levels in an attribute").isInstanceOf(DynamoDbException.class);
    for (Map<String, Object> record : refused) {
      assertThatThrownBy(() -> ENCODER.encode(record, INPUT)).isInstanceOf(StepFailure.class);
      Map<String, AttributeValue> raw = rawItem(record);
      assertThatThrownBy(() -> dynamoDb.putItem(b -> b.tableName(TABLE).item(raw)))
          .as("DynamoDB Local refuses %s", record.keySet()).isInstanceOf(DynamoDbException.class);
    }
  }

  @Test
  void aDeadLetterOfAMibPayloadAHugeErrorAndLongPositionsFitsUnder400Kb() {
    byte[] payload = new byte[1024 * 1024];
    Arrays.fill(payload, (byte) 'x');
    String longShard = "shardId-" + "7".repeat(3_000);
    String longSequence = "4".repeat(2_000);
    InputRecord input = new InputRecord(longShard, longSequence, "😀".repeat(256), payload);
    RecordFailure failure = new RecordFailure(ErrorType.WRITE, "o".repeat(5_000), "é".repeat(500_000));
    DeadLetterItems items = new DeadLetterItems(new FailureContext("job", "job-2"), "source", "position", "expiresAt",
        1_209_600L,
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    Map<String, AttributeValue> item = items.item(ProcessedRecord.failed(input, failure));
    dynamoDb.putItem(b -> b.tableName(DEAD_LETTERS).item(item));

    assertThat(ItemSize.of(item)).isLessThanOrEqualTo(SizeLimits.DYNAMODB_ITEM_BYTES);
    assertThat(item.get("payloadTruncated").bool()).isTrue();
    assertThat(item.get("payloadBytes").n()).isEqualTo("1048576");
    assertThat(item.get("payload").b().asByteArray().length).isBetween(300 * 1024, DeadLetterItems.MAX_PAYLOAD_BYTES);
    assertThat(item.get("error").s()).endsWith("(truncated)");
    assertThat(item.get("source").s().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
    assertThat(item.get("position").s().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
    InputRecord otherShard = new InputRecord(longShard + "8", longSequence, null, payload);
    assertThat(items.item(ProcessedRecord.failed(otherShard, failure)).get("source"))
        .isNotEqualTo(item.get("source"));
  }

  private static Map<String, Object> record(Object id, Object sk, Object... more) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", id);
    record.put("sk", sk);
    for (int i = 0; i < more.length; i += 2) {
      record.put((String) more[i], more[i + 1]);
    }
    return record;
  }

  /** The item as it would be sent without the encoder's checks. */
  private static Map<String, AttributeValue> rawItem(Map<String, Object> record) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    record.forEach((name, value) -> item.put(name, value instanceof BigDecimal n
        ? AttributeValue.fromN(n.toString()) : AttributeValue.fromS(value.toString())));
    return item;
  }

  /** Lists and maps alternating, {@code levels} deep. */
  private static Object nested(int levels) {
    Object value = 1;
    for (int i = 0; i < levels; i++) {
      value = i % 2 == 0 ? new ArrayList<>(List.of(value)) : Map.of("k", value);
    }
    return value;
  }

  /** The same nesting as attribute values, built without the encoder. */
  private static AttributeValue rawNested(int levels) {
    AttributeValue value = AttributeValue.fromN("1");
    for (int i = 0; i < levels; i++) {
      value = i % 2 == 0 ? AttributeValue.fromL(List.of(value)) : AttributeValue.fromM(Map.of("k", value));
    }
    return value;
  }

  private static void createTable(String name, String partitionKey, String sortKey) {
    dynamoDb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build())
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName(partitionKey).attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName(sortKey).attributeType(ScalarAttributeType.S).build()));
  }
}
