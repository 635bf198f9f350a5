package dev.runnel.inference.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.DynamoDbLocal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The shared bucket on a real DynamoDB Local, started once for the class. */
class DynamoDbTokenBucketTest {
  private static final String TABLE = "runnel-rate-limits";
  private static DynamoDbLocal dynamoDb;
  private static DynamoDbClient client;

  @BeforeAll
  static void startDynamoDb() {
    dynamoDb = new DynamoDbLocal().start();
    client = dynamoDb.client();
    client.createTable(b -> b.tableName(TABLE)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("bucket").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("bucket").keyType(KeyType.HASH)));
  }

  @AfterAll
  static void stopDynamoDb() {
    client.close();
    dynamoDb.close();
  }

  @Test
  void theFirstAcquireCreatesTheBucketItem() throws InterruptedException {
    new DynamoDbTokenBucket(client, TABLE, "first", 120, 6_000, Clock.systemUTC()).acquire(1, 100);

    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(TABLE).consistentRead(true)
        .key(Map.of("bucket", AttributeValue.fromS("first")))).item();
    assertThat(item).containsEntry("version", AttributeValue.fromN("1"));
    assertThat(Double.parseDouble(item.get("requests").n())).isBetween(5.0, 5.1);
    assertThat(Double.parseDouble(item.get("tokens").n())).isBetween(200.0, 210.0);
  }

  @Test
  void withoutLimitsTheTableIsNeverTouched() throws InterruptedException {
    new DynamoDbTokenBucket(client, "no-such-table", "none", 0, 0, Clock.systemUTC()).acquire(5, 500);
  }

  @Test
  void twoInstancesOnOneBucketShareTheLimit() throws Exception {
    DecisionClock clock = new DecisionClock();
    List<DynamoDbTokenBucket> instances = List.of(
        new DynamoDbTokenBucket(client, TABLE, "shared", 120, 0, clock),
        new DynamoDbTokenBucket(client, TABLE, "shared", 120, 0, clock));
    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    long start = clock.millis();
    long end = start + 6_000;
    ExecutorService threads = Executors.newFixedThreadPool(6);
    for (int t = 0; t < 6; t++) {
      DynamoDbTokenBucket bucket = instances.get(t % 2);
      threads.execute(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            bucket.acquire(1, 0);
            times.add(clock.lastRead()); // the time the bucket admitted it at
          }
        } catch (InterruptedException | RuntimeException stopped) {
          // interrupted at the end of the run, while sleeping or inside a DynamoDB call
        }
      });
    }
    Thread.sleep(end - System.currentTimeMillis());
    threads.shutdownNow();
    assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    assertThat(SlidingWindows.maxCount(sorted, 1_000)).isLessThanOrEqualTo((int) SlidingWindows.bound(120, 1_000));
    assertThat(SlidingWindows.maxCount(sorted, 5_000)).isLessThanOrEqualTo((int) SlidingWindows.bound(120, 5_000));
    long inTheRun = sorted.stream().filter(t -> t <= end).count();
    assertThat(inTheRun).as("admitted in 6 s; at most %d", SlidingWindows.bound(120, 6_000))
        .isBetween(14L, SlidingWindows.bound(120, 6_000));
  }
}
