package dev.runnel.statestore.timers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.statestore.dynamodb.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The timer index contract on DynamoDB Local (one server per class), plus the item layout and retries. */
class DynamoDbTimerIndexTest extends TimerIndexContract {
  private static final String TABLE = "job-timers";

  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = dynamoDbLocal.client();
    TimerIndexTable.create(dynamoDb, TABLE);
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
  protected TimerIndex newIndex() {
    return new DynamoDbTimerIndex(dynamoDb, TABLE, Backoff.immediate(8));
  }

  private List<Map<String, AttributeValue>> itemsOfStage() {
    return dynamoDb.scanPaginator(b -> b.tableName(TABLE).consistentRead(true)).items().stream()
        .filter(item -> item.get("pk").s().startsWith(stage + "|")).toList();
  }

  @Test
  void anEntryIsOneItemHoldingOnlyItsKeys() {
    index.add(stage, "shard-1", List.of(event(0, "k|1"), processing(-1, "k"), event(Long.MIN_VALUE, "min"),
        event(Long.MAX_VALUE, "max")));
    assertThat(itemsOfStage()).containsExactlyInAnyOrder(
        Map.of("pk", AttributeValue.fromS(stage + "|shard-1|e"), "sk", AttributeValue.fromS("09223372036854775808|k|1")),
        Map.of("pk", AttributeValue.fromS(stage + "|shard-1|p"), "sk", AttributeValue.fromS("09223372036854775807|k")),
        Map.of("pk", AttributeValue.fromS(stage + "|shard-1|e"), "sk", AttributeValue.fromS("00000000000000000000|min")),
        Map.of("pk", AttributeValue.fromS(stage + "|shard-1|e"), "sk", AttributeValue.fromS("18446744073709551615|max")));
  }

  @Test
  void unprocessedItemsAreResentUntilWritten() {
    Flaky flaky = new Flaky(dynamoDb);
    flaky.unprocessedRounds.set(3);
    DynamoDbTimerIndex flakyIndex = new DynamoDbTimerIndex(flaky, TABLE, Backoff.immediate(8));
    List<TimerEntry> entries = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      entries.add(event(i, "k" + i));
    }
    flakyIndex.add(stage, "shard", entries);
    assertThat(flakyIndex.due(stage, "shard", TimerEntry.Domain.EVENT_TIME, 100)).containsExactlyElementsOf(entries);
    // batch of 25: 1 + 3 resends of what was left; batch of 5: 1; due: 1
    assertThat(flakyIndex.requests()).isEqualTo(6);

    flaky.unprocessedRounds.set(100);
    DynamoDbTimerIndex impatient = new DynamoDbTimerIndex(flaky, TABLE, Backoff.immediate(3));
    assertThatThrownBy(() -> impatient.remove(stage, "shard", entries)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unprocessed after 3");
  }

  @Test
  void throttledRequestsAreResentAndTheLastThrottlingIsThrown() {
    Flaky flaky = new Flaky(dynamoDb);
    DynamoDbTimerIndex throttled = new DynamoDbTimerIndex(flaky, TABLE, Backoff.immediate(4));
    flaky.throttles.set(3);
    throttled.add(stage, "shard", List.of(event(1, "a")));
    flaky.throttles.set(3);
    assertThat(throttled.due(stage, "shard", TimerEntry.Domain.EVENT_TIME, 1)).containsExactly(event(1, "a"));
    assertThat(throttled.requests()).isEqualTo(2);
    flaky.throttles.set(4);
    assertThatThrownBy(() -> throttled.remove(stage, "shard", List.of(event(1, "a"))))
        .isInstanceOf(ProvisionedThroughputExceededException.class);
  }

  @Test
  void everyPageOfADueQueryIsRead() {
    DynamoDbTimerIndex paged = new DynamoDbTimerIndex(dynamoDb, TABLE, Backoff.immediate(4), 7);
    List<TimerEntry> entries = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      entries.add(event(i - 15, "k"));
    }
    paged.add(stage, "shard", entries);
    long before = paged.requests();
    assertThat(paged.due(stage, "shard", TimerEntry.Domain.EVENT_TIME, 100)).containsExactlyElementsOf(entries);
    assertThat(paged.requests() - before).isEqualTo(5);
  }

  @Test
  void otherErrorsAreThrownAtOnce() {
    DynamoDbTimerIndex missing = new DynamoDbTimerIndex(dynamoDb, "no-such-table", Backoff.immediate(4));
    assertThatThrownBy(() -> missing.add(stage, "shard", List.of(event(1, "a"))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> missing.due(stage, "shard", TimerEntry.Domain.EVENT_TIME, 1))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(missing.requests()).isZero();
  }

  @Test
  void creatingTheTableTwiceIsHarmless() {
    TimerIndexTable.create(dynamoDb, TABLE);
    index.add(stage, "shard", List.of(event(1, "a")));
    assertThat(index.due(stage, "shard", TimerEntry.Domain.EVENT_TIME, 1)).hasSize(1);
  }

  /**
   * A client that throttles the next n requests, and for n BatchWriteItems writes only the first half of the items
   * and returns the rest as unprocessed.
   */
  private static final class Flaky implements DynamoDbClient {
    private final DynamoDbClient real;
    final AtomicInteger throttles = new AtomicInteger();
    final AtomicInteger unprocessedRounds = new AtomicInteger();

    Flaky(DynamoDbClient real) {
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
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      maybeThrottle();
      if (unprocessedRounds.getAndDecrement() <= 0) {
        return real.batchWriteItem(request);
      }
      String table = request.requestItems().keySet().iterator().next();
      List<WriteRequest> writes = request.requestItems().get(table);
      int half = writes.size() / 2;
      if (half > 0) {
        real.batchWriteItem(b -> b.requestItems(Map.of(table, writes.subList(0, half))));
      }
      return BatchWriteItemResponse.builder()
          .unprocessedItems(Map.of(table, writes.subList(half, writes.size()))).build();
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
