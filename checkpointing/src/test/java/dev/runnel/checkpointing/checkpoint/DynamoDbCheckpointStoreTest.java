package dev.runnel.checkpointing.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.emulators.DynamoDbLocal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
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
