package dev.runnel.functions.dynamodb;

import dev.runnel.functions.output.TableItem;
import dev.runnel.functions.output.WriteResult;
import dev.runnel.functions.output.WriteStats;
import dev.runnel.functions.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Writes table-sink items that carry the position of the record that produced them, each with a condition that the
 * stored item is not from a later position. A late write (a zombie's, or a replay's) can then never set an item back
 * to an older value. One PutItem per item, a few in flight at once; a refused condition means a newer value is
 * already there, which counts as written.
 */
public final class PositionedItemWriter {
  private static final int IN_FLIGHT = 8;
  /** How long an idle writer thread lives. */
  static final long IDLE_SECONDS = 30;
  private static final String CONDITION = "attribute_not_exists(#p) OR #p <= :p";

  private final DynamoDbClient dynamoDb;
  private final RetryPolicy retry;
  private final ThreadPoolExecutor pool;

  /** A writer through {@code dynamoDb}. */
  public PositionedItemWriter(DynamoDbClient dynamoDb, RetryPolicy retry) {
    this(dynamoDb, retry, IDLE_SECONDS * 1000);
  }

  /** A writer whose idle threads end after {@code idleMillis} (tests). */
  PositionedItemWriter(DynamoDbClient dynamoDb, RetryPolicy retry, long idleMillis) {
    this.dynamoDb = dynamoDb;
    this.retry = retry;
    // idle threads end after a while: a process that builds many writers (the local runner, the fault harness) and
    // never closes them does not keep eight threads per writer (an in-process soak reached 17,000 threads)
    ThreadPoolExecutor threads = new ThreadPoolExecutor(IN_FLIGHT, IN_FLIGHT, idleMillis, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "runnel-table-sink");
          thread.setDaemon(true);
          return thread;
        });
    threads.allowCoreThreadTimeOut(true);
    this.pool = threads;
  }

  /** The writer threads alive now. */
  int liveThreads() {
    return pool.getPoolSize();
  }

  /** Writes the positioned items of one table; the result names the indexes that could not be written. */
  public WriteResult put(String table, List<Map<String, AttributeValue>> items, List<String> positions) {
    List<Future<Boolean>> writes = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Map<String, AttributeValue> item = items.get(i);
      String position = positions.get(i);
      writes.add(pool.submit(() -> write(table, item, position)));
    }
    Set<Integer> failed = new HashSet<>();
    for (int i = 0; i < writes.size(); i++) {
      try {
        if (!writes.get(i).get()) {
          failed.add(i);
        }
      } catch (ExecutionException e) {
        failed.add(i);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed.add(i);
      }
    }
    return new WriteResult(failed, new WriteStats(0, 0, items.size()));
  }

  private boolean write(String table, Map<String, AttributeValue> item, String position) {
    PutItemRequest request = PutItemRequest.builder().tableName(table).item(item).conditionExpression(CONDITION)
        .expressionAttributeNames(Map.of("#p", TableItem.POSITION_ATTRIBUTE))
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(position))).build();
    for (int attempt = 1; ; attempt++) {
      try {
        dynamoDb.putItem(request);
        return true;
      } catch (ConditionalCheckFailedException newerValueStored) {
        return true;
      } catch (DynamoDbException e) {
        boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
        if (!retryable || attempt >= retry.maxAttempts()) {
          return false;
        }
        retry.pauseBefore(attempt);
      }
    }
  }
}
