package dev.runnel.checkpointing.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.checkpointing.checkpoint.Backoff;
import dev.runnel.emulators.DynamoDbLocal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** The progress contract on DynamoDB Local (one server per class), plus what only the DynamoDB store does. */
class DynamoDbProgressStoreTest extends ProgressStoreContract {
  private static final String TABLE = "job-progress";

  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = dynamoDbLocal.client();
    ProgressTable.create(dynamoDb, TABLE);
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
  protected ProgressStore newStore() {
    return new DynamoDbProgressStore(dynamoDb, TABLE, Backoff.immediate(8));
  }

  @Test
  void aRowIsKeyedByStageAndShardAndHoldsBothNumbers() {
    store.publish(new ShardProgress(stage, "shardId-000000000004", -7, Long.MIN_VALUE));
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true)
        .key(Map.of("stage", AttributeValue.fromS(stage), "shard", AttributeValue.fromS("shardId-000000000004"))))
        .item();
    assertThat(item).containsOnly(Map.entry("stage", AttributeValue.fromS(stage)),
        Map.entry("shard", AttributeValue.fromS("shardId-000000000004")),
        Map.entry("w", AttributeValue.fromN("-7")),
        Map.entry("a", AttributeValue.fromN("-9223372036854775808")));
  }

  @Test
  void aPublishThatRaisesOrKeepsBothIsOneRequestAndAMixedOneTwo() {
    store.publish(new ShardProgress(stage, "s", 10, 10));
    long before = store.requests();
    store.publish(new ShardProgress(stage, "s", 10, 20));
    assertThat(store.requests() - before).isEqualTo(1);
    before = store.requests();
    store.publish(new ShardProgress(stage, "s", 5, 30)); // lost condition, then only 'a'
    assertThat(store.requests() - before).isEqualTo(2);
    before = store.requests();
    store.publish(new ShardProgress(stage, "s", 5, 5)); // lost condition, nothing rises
    assertThat(store.requests() - before).isEqualTo(1);
    assertThat(store.read(stage)).containsExactly(new ShardProgress(stage, "s", 10, 30));
  }

  @Test
  void aStoredRowThatIsNotReturnedWithTheFailedConditionIsRead() {
    ForgetfulOrThrottling client = new ForgetfulOrThrottling(dynamoDb);
    client.dropItemFromConditionFailures = true;
    DynamoDbProgressStore forgetful = new DynamoDbProgressStore(client, TABLE, Backoff.immediate(4));
    forgetful.publish(new ShardProgress(stage, "s", 10, 10));
    forgetful.publish(new ShardProgress(stage, "s", 20, 5));
    assertThat(forgetful.read(stage)).containsExactly(new ShardProgress(stage, "s", 20, 10));
    assertThat(client.getItems.get()).isEqualTo(1);
  }

  @Test
  void everyPageIsRead() {
    DynamoDbProgressStore paged = new DynamoDbProgressStore(dynamoDb, TABLE, Backoff.immediate(4), 2);
    for (int shard = 0; shard < 7; shard++) {
      paged.publish(new ShardProgress(stage, "shard-" + shard, shard, shard));
    }
    long before = paged.requests();
    assertThat(paged.read(stage)).hasSize(7).extracting(ShardProgress::shardId)
        .containsExactly("shard-0", "shard-1", "shard-2", "shard-3", "shard-4", "shard-5", "shard-6");
    assertThat(paged.requests() - before).isEqualTo(4); // 2 + 2 + 2 + 1 rows
  }

  @Test
  void throttledRequestsAreResent() {
    ForgetfulOrThrottling client = new ForgetfulOrThrottling(dynamoDb);
    DynamoDbProgressStore throttled = new DynamoDbProgressStore(client, TABLE, Backoff.immediate(4));
    client.throttles.set(3);
    throttled.publish(new ShardProgress(stage, "s", 1, 1));
    client.throttles.set(3);
    assertThat(throttled.read(stage)).containsExactly(new ShardProgress(stage, "s", 1, 1));
    client.throttles.set(4);
    assertThatThrownBy(() -> throttled.publish(new ShardProgress(stage, "s", 2, 2)))
        .isInstanceOf(ProvisionedThroughputExceededException.class);
    assertThat(throttled.requests()).isEqualTo(2);
  }

  @Test
  void otherErrorsAreThrownAtOnce() {
    DynamoDbProgressStore missing = new DynamoDbProgressStore(dynamoDb, "no-such-table", Backoff.immediate(4));
    assertThatThrownBy(() -> missing.publish(new ShardProgress(stage, "s", 1, 1)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> missing.read(stage)).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void creatingTheTableTwiceIsHarmless() {
    ProgressTable.create(dynamoDb, TABLE);
    store.publish(new ShardProgress(stage, "s", 1, 1));
    assertThat(store.read(stage)).hasSize(1);
  }

  /** A client that throttles the next n requests, and can drop the stored item from condition failures. */
  private static final class ForgetfulOrThrottling implements DynamoDbClient {
    private final DynamoDbClient real;
    final AtomicInteger throttles = new AtomicInteger();
    final AtomicInteger getItems = new AtomicInteger();
    volatile boolean dropItemFromConditionFailures;

    ForgetfulOrThrottling(DynamoDbClient real) {
      this.real = real;
    }

    private void maybeThrottle() {
      if (throttles.getAndDecrement() > 0) {
        throw ProvisionedThroughputExceededException.builder().statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                .errorMessage("throttled by the test").build())
            .build();
      }
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
      maybeThrottle();
      try {
        return real.updateItem(request);
      } catch (ConditionalCheckFailedException e) {
        if (dropItemFromConditionFailures) {
          throw ConditionalCheckFailedException.builder().statusCode(400).message(e.getMessage()).build();
        }
        throw e;
      }
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      maybeThrottle();
      getItems.incrementAndGet();
      return real.getItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
      maybeThrottle();
      return real.query(request);
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }
}
