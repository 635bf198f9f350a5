package dev.runnel.checkpointing.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.emulators.DynamoDbLocal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** The contract on DynamoDB Local (one server per class), plus what only the DynamoDB store does. */
class DynamoDbCheckpointStoreTest extends CheckpointStoreContract {
  private static final String TABLE = "job-checkpoints";

  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = dynamoDbLocal.client();
    CheckpointTable.create(dynamoDb, TABLE);
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

  @Override
  protected CheckpointStore newStore() {
    return new DynamoDbCheckpointStore(dynamoDb, TABLE, Backoff.immediate(8));
  }

  @Test
  void theItemIsKeyedByStageAndShardAndHoldsThePosition() {
    new DynamoDbCheckpointStore(dynamoDb, TABLE).commit("layout", "shardId-000000000007", null, "42");
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS("layout|shardId-000000000007")))).item();
    assertThat(item).containsEntry("position", AttributeValue.fromS("42"))
        .containsEntry("stage", AttributeValue.fromS("layout"))
        .containsEntry("shardId", AttributeValue.fromS("shardId-000000000007"));
  }

  @Test
  void aTimedItemHoldsTheRevisionTheMarkerAndOnlyTheTimeFieldsThatAreNotNone() {
    DynamoDbCheckpointStore store = new DynamoDbCheckpointStore(dynamoDb, TABLE);
    ShardTime time = new ShardTime(-3, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, 1_700_000_000_000L,
        ShardTime.NONE);
    assertThat(store.commit(null, Checkpoint.first("timed-layout", "shard-1", null, time))).isTrue();
    assertThat(item("timed-layout|shard-1")).containsOnly(
        Map.entry("pk", AttributeValue.fromS("timed-layout|shard-1")),
        Map.entry("stage", AttributeValue.fromS("timed-layout")),
        Map.entry("shardId", AttributeValue.fromS("shard-1")),
        Map.entry("rev", AttributeValue.fromN("1")),
        Map.entry("timed", AttributeValue.fromBool(true)),
        Map.entry("watermark", AttributeValue.fromN("-3")),
        Map.entry("maxEventTime", AttributeValue.fromN("1700000000000")));

    Checkpoint first = store.load("timed-layout", "shard-1").orElseThrow();
    assertThat(store.commit(first, first.next("42", ShardTime.START))).isTrue();
    assertThat(item("timed-layout|shard-1")).containsOnly(
        Map.entry("pk", AttributeValue.fromS("timed-layout|shard-1")),
        Map.entry("stage", AttributeValue.fromS("timed-layout")),
        Map.entry("shardId", AttributeValue.fromS("shard-1")),
        Map.entry("position", AttributeValue.fromS("42")),
        Map.entry("rev", AttributeValue.fromN("2")),
        Map.entry("timed", AttributeValue.fromBool(true)));
  }

  @Test
  void aPositionCommitAddsTheRevisionToTheItem() {
    DynamoDbCheckpointStore store = new DynamoDbCheckpointStore(dynamoDb, TABLE);
    store.commit("rev-layout", "shard", null, "5");
    store.commit("rev-layout", "shard", "5", "6");
    assertThat(item("rev-layout|shard")).containsEntry("rev", AttributeValue.fromN("2"))
        .containsEntry("position", AttributeValue.fromS("6")).doesNotContainKey("timed");
  }

  @Test
  void anItemWrittenBeforeRevisionsIsAtRevisionZero() {
    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("legacy|shard"),
        "position", AttributeValue.fromS("7"), "stage", AttributeValue.fromS("legacy"),
        "shardId", AttributeValue.fromS("shard"))));
    DynamoDbCheckpointStore store = new DynamoDbCheckpointStore(dynamoDb, TABLE);
    Checkpoint legacy = store.load("legacy", "shard").orElseThrow();
    assertThat(legacy).isEqualTo(new Checkpoint("legacy", "shard", "7"));
    assertThat(legacy.revision()).isZero();
    assertThat(legacy.stateLog()).isNull();
    assertThat(store.commit(legacy, legacy.next("8", ShardTime.START))).isTrue();
    assertThat(store.commit(legacy, legacy.next("9", ShardTime.START))).isFalse();
    assertThat(store.load("legacy", "shard")).contains(new Checkpoint("legacy", "shard", "8", ShardTime.START, 1));

    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("legacy|shard-2"),
        "position", AttributeValue.fromS("7"))));
    assertThat(store.commit("legacy", "shard-2", "7", "8")).isTrue();
    assertThat(store.load("legacy", "shard-2")).contains(new Checkpoint("legacy", "shard-2", "8", null, 1));
  }

  @Test
  void theStateLogIsACompactBinaryAttributeAbsentWhenNull() {
    DynamoDbCheckpointStore store = new DynamoDbCheckpointStore(dynamoDb, TABLE);
    Checkpoint first = Checkpoint.first("log-layout", "shard", "5", ShardTime.START);
    assertThat(store.commit(null, first)).isTrue();
    assertThat(item("log-layout|shard")).doesNotContainKey("sl");

    StateLogRefs refs = new StateLogRefs(new StateLogRefs.Logged(1_000_000, "k3j9x0qa", 2, 600_000), List.of());
    for (long revision = 1_000_001; revision < 1_000_033; revision++) {
      refs = refs.append(new StateLogRefs.Logged(revision, "a1b2c3d4", 1, 2_000));
    }
    Checkpoint second = first.next("6", ShardTime.START, refs);
    assertThat(store.commit(first, second)).isTrue();
    AttributeValue stateLog = item("log-layout|shard").get("sl");
    assertThat(stateLog.b()).isNotNull();
    // a snapshot and 32 entries of 8-character attempts: about 14 bytes each
    assertThat(stateLog.b().asByteArray().length).isLessThanOrEqualTo(33 * 15 + 3);
    assertThat(store.load("log-layout", "shard")).contains(second);
  }

  @Test
  void aStateLogAttributeThisRuntimeCannotReadIsNamedInTheError() {
    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("odd-log|shard"),
        "position", AttributeValue.fromS("7"), "rev", AttributeValue.fromN("3"),
        "sl", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {9, 0, 0})))));
    assertThatThrownBy(() -> new DynamoDbCheckpointStore(dynamoDb, TABLE).load("odd-log", "shard"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("odd-log|shard")
        .hasMessageContaining(TABLE).hasMessageContaining("format 9");
  }

  @Test
  void aThrottledCommitByRevisionIsResent() {
    ThrottlingFirst throttling = new ThrottlingFirst(dynamoDb, 2);
    DynamoDbCheckpointStore store = new DynamoDbCheckpointStore(throttling, TABLE, Backoff.immediate(5));
    Checkpoint first = Checkpoint.first("throttled-rev", "shard", "5", ShardTime.START);
    assertThat(store.commit(null, first)).isTrue();
    throttling.throttleNext(4);
    assertThat(store.commit(first, first.next("6", ShardTime.START))).isTrue();
    assertThat(store.counters().retries()).isEqualTo(6);
    assertThat(store.counters().requests(CheckpointCounters.Request.COMMIT)).isEqualTo(2);
    assertThat(store.counters().conflicts()).isZero();
  }

  private static Map<String, AttributeValue> item(String pk) {
    return dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true)
        .key(Map.of("pk", AttributeValue.fromS(pk)))).item();
  }

  @Test
  void creatingTheTableTwiceIsHarmless() {
    CheckpointTable.create(dynamoDb, TABLE);
    assertThat(new DynamoDbCheckpointStore(dynamoDb, TABLE).commit("twice", "shard", null, "1")).isTrue();
  }

  @Test
  void throttledRequestsAreResentAndCounted() {
    ThrottlingFirst throttling = new ThrottlingFirst(dynamoDb, 2);
    DynamoDbCheckpointStore store = new DynamoDbCheckpointStore(throttling, TABLE, Backoff.immediate(5));
    assertThat(store.commit("throttled", "shard", null, "5")).isTrue();
    throttling.throttleNext(2);
    assertThat(store.commit("throttled", "shard", "5", "6")).isTrue();
    throttling.throttleNext(3);
    assertThat(store.load("throttled", "shard")).map(Checkpoint::position).contains("6");
    assertThat(store.counters().retries()).isEqualTo(7);
    assertThat(store.counters().requests(CheckpointCounters.Request.COMMIT)).isEqualTo(2);
  }

  @Test
  void throttlingBeyondTheLastAttemptIsThrown() {
    ThrottlingFirst throttling = new ThrottlingFirst(dynamoDb, 3);
    DynamoDbCheckpointStore store = new DynamoDbCheckpointStore(throttling, TABLE, Backoff.immediate(3));
    assertThatThrownBy(() -> store.commit("always-throttled", "shard", null, "5"))
        .isInstanceOf(ProvisionedThroughputExceededException.class);
    assertThat(new DynamoDbCheckpointStore(dynamoDb, TABLE).load("always-throttled", "shard")).isEmpty();
  }

  @Test
  void otherErrorsAreThrownAtOnce() {
    DynamoDbCheckpointStore store = new DynamoDbCheckpointStore(dynamoDb, "no-such-table", Backoff.immediate(5));
    assertThatThrownBy(() -> store.commit("stage", "shard", null, "1")).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> store.load("stage", "shard")).isInstanceOf(ResourceNotFoundException.class);
    assertThat(store.counters().retries()).isZero();
  }

  /** A client that answers the next n checkpoint requests with throttling, then passes them on. */
  private static final class ThrottlingFirst implements DynamoDbClient {
    private final DynamoDbClient real;
    private final AtomicInteger throttles;

    ThrottlingFirst(DynamoDbClient real, int throttles) {
      this.real = real;
      this.throttles = new AtomicInteger(throttles);
    }

    void throttleNext(int count) {
      throttles.set(count);
    }

    private void maybeThrottle() {
      if (throttles.getAndDecrement() > 0) {
        throw ProvisionedThroughputExceededException.builder()
            .statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                .errorMessage("throttled by the test").build())
            .build();
      }
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      maybeThrottle();
      return real.getItem(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
      maybeThrottle();
      return real.putItem(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
      maybeThrottle();
      return real.updateItem(request);
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }
}
