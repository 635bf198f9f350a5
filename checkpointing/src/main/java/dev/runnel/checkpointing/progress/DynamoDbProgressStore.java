package dev.runnel.checkpointing.progress;

import dev.runnel.checkpointing.checkpoint.Backoff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The progress table in DynamoDB: partition key {@code stage}, sort key {@code shard}, numbers {@code w} (the
 * watermark) and {@code a} (the newest record's arrival time), {@code Long.MIN_VALUE} included.
 *
 * <p>A publish is one UpdateItem setting both numbers, conditional on neither going down. When that condition fails
 * (a row already ahead on at least one number: a zombie's late publish, or a concurrent one), the failure returns the
 * stored row, and a second UpdateItem sets only the numbers that still rise, conditional on each still rising; it
 * repeats if a concurrent publish raised one of them in between, and stops when nothing would rise. So neither number
 * ever goes backwards, and the usual publish, which raises or keeps both, costs one request.
 *
 * <p>A read is a strongly consistent Query of the stage's rows, all pages, in shard order.
 */
public final class DynamoDbProgressStore implements ProgressStore {
  /** The partition key: the publishing stage. */
  public static final String STAGE = "stage";
  /** The sort key: the shard of its input stream. */
  public static final String SHARD = "shard";
  /** The published watermark, a number. */
  public static final String WATERMARK = "w";
  /** The arrival time of the shard's newest record, a number. */
  public static final String LAST_RECORD_MILLIS = "a";

  /** Rounds of a publish before giving up; each lost round means another publisher raised a number meanwhile. */
  private static final int MAX_ROUNDS = 16;
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbProgressStore.class);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Backoff backoff;
  private final Integer pageSize;
  private final AtomicLong requests = new AtomicLong();

  /** A store in {@code table}, resending throttled requests with {@link Backoff#DEFAULT}. */
  public DynamoDbProgressStore(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, Backoff.DEFAULT);
  }

  /** A store in {@code table}, resending throttled requests as {@code backoff} says. */
  public DynamoDbProgressStore(DynamoDbClient dynamoDb, String table, Backoff backoff) {
    this(dynamoDb, table, backoff, null);
  }

  /** As above, reading at most {@code pageSize} rows per Query page (null: DynamoDB's 1 MB pages), for tests. */
  DynamoDbProgressStore(DynamoDbClient dynamoDb, String table, Backoff backoff, Integer pageSize) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.backoff = backoff;
    this.pageSize = pageSize;
  }

  @Override
  public void publish(ShardProgress progress) {
    ProgressKeys.requireValid(progress);
    Map<String, Long> rising = new LinkedHashMap<>();
    rising.put(WATERMARK, progress.watermark());
    rising.put(LAST_RECORD_MILLIS, progress.lastRecordMillis());
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      Map<String, AttributeValue> stored;
      try {
        UpdateItemRequest request = raise(progress, rising);
        withRetries("UpdateItem", () -> dynamoDb.updateItem(request));
        return;
      } catch (ConditionalCheckFailedException ahead) {
        stored = ahead.hasItem() ? ahead.item() : readRow(progress);
      }
      rising.entrySet().removeIf(field -> !rises(stored, field.getKey(), field.getValue()));
      if (rising.isEmpty()) {
        LOG.debug("progress {}|{} in {} is already at or past {}", progress.stage(), progress.shardId(), table,
            progress);
        return;
      }
    }
    throw new IllegalStateException("progress " + progress.stage() + "|" + progress.shardId() + " in " + table
        + " kept moving under " + MAX_ROUNDS + " publishes of " + progress);
  }

  @Override
  public List<ShardProgress> read(String stage) {
    ProgressKeys.requireValid("stage", stage);
    List<ShardProgress> rows = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder request = QueryRequest.builder()
          .tableName(table)
          .keyConditionExpression("#s = :s")
          .expressionAttributeNames(Map.of("#s", STAGE))
          .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(stage)))
          .consistentRead(true)
          .limit(pageSize);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      QueryRequest page = request.build();
      QueryResponse response = withRetries("Query", () -> dynamoDb.query(page));
      for (Map<String, AttributeValue> item : response.items()) {
        rows.add(new ShardProgress(stage, item.get(SHARD).s(), number(item, WATERMARK), number(item,
            LAST_RECORD_MILLIS)));
      }
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey() : null;
    } while (start != null);
    return rows;
  }

  @Override
  public long requests() {
    return requests.get();
  }

  /** Sets every number of {@code rising}, conditional on each being absent or at most its new value. */
  private UpdateItemRequest raise(ShardProgress progress, Map<String, Long> rising) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    for (Map.Entry<String, Long> field : rising.entrySet()) {
      String name = "#" + field.getKey();
      String value = ":" + field.getKey();
      names.put(name, field.getKey());
      values.put(value, AttributeValue.fromN(Long.toString(field.getValue())));
      sets.add(name + " = " + value);
      conditions.add("(attribute_not_exists(" + name + ") OR " + name + " <= " + value + ")");
    }
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(key(progress))
        .updateExpression("SET " + String.join(", ", sets))
        .conditionExpression(String.join(" AND ", conditions))
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /** The stored row, for an endpoint that does not return it with a failed condition. */
  private Map<String, AttributeValue> readRow(ShardProgress progress) {
    GetItemResponse response = withRetries("GetItem",
        () -> dynamoDb.getItem(b -> b.tableName(table).key(key(progress)).consistentRead(true)));
    return response.hasItem() ? response.item() : Map.of();
  }

  private static boolean rises(Map<String, AttributeValue> stored, String field, long value) {
    AttributeValue current = stored.get(field);
    return current == null || current.n() == null || Long.parseLong(current.n()) < value;
  }

  private static Map<String, AttributeValue> key(ShardProgress progress) {
    return Map.of(STAGE, AttributeValue.fromS(progress.stage()), SHARD, AttributeValue.fromS(progress.shardId()));
  }

  private long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(value.n());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalStateException("progress row " + item.get(STAGE) + "|" + item.get(SHARD) + " in " + table
          + " has '" + name + "' that is not a whole number: " + value, e);
    }
  }

  /**
   * Runs {@code call}, resending it after throttling or a server error; counts each answered request, a failed
   * condition included.
   */
  private <T> T withRetries(String operation, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        T response = call.get();
        requests.incrementAndGet();
        return response;
      } catch (ConditionalCheckFailedException conflict) {
        requests.incrementAndGet();
        throw conflict;
      } catch (AwsServiceException e) {
        if (!(e.isThrottlingException() || e.statusCode() >= 500) || attempt >= backoff.maxAttempts()) {
          throw e;
        }
        LOG.debug("{} on {} failed (attempt {}), will retry: {}", operation, table, attempt, e.toString());
        backoff.pauseBefore(attempt);
      }
    }
  }
}
