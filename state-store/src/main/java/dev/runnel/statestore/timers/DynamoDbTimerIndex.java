package dev.runnel.statestore.timers;

import dev.runnel.statestore.dynamodb.Backoff;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The timer index on one DynamoDB table (see {@link TimerIndexTable}): one item per entry, holding only its keys,
 * {@code pk} = {@code stage|shardId|e} or {@code stage|shardId|p} and {@code sk} = the time as 20 sortable digits,
 * '|', the record key. Adds and removes are BatchWriteItems of up to 25 distinct entries, unprocessed items resent
 * with backoff; {@code due} is a strongly consistent Query of {@code sk} below the bound of its time, all pages.
 * {@link #requests()} counts the requests DynamoDB answered (a throttled attempt is not counted; a resend of
 * unprocessed items is).
 */
public final class DynamoDbTimerIndex implements TimerIndex {
  /** The partition key attribute. */
  public static final String PK = "pk";
  /** The sort key attribute. */
  public static final String SK = "sk";

  private static final int BATCH = 25;
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbTimerIndex.class);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Backoff backoff;
  private final Integer pageSize;
  private final AtomicLong requests = new AtomicLong();

  /** An index in {@code table} with the default backoff. */
  public DynamoDbTimerIndex(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, Backoff.DEFAULT);
  }

  /** An index in {@code table}, resending throttled requests and unprocessed items as {@code backoff} says. */
  public DynamoDbTimerIndex(DynamoDbClient dynamoDb, String table, Backoff backoff) {
    this(dynamoDb, table, backoff, null);
  }

  /** As above, reading at most {@code pageSize} entries per Query page (null: DynamoDB's 1 MB pages), for tests. */
  DynamoDbTimerIndex(DynamoDbClient dynamoDb, String table, Backoff backoff, Integer pageSize) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.backoff = backoff;
    this.pageSize = pageSize;
  }

  @Override
  public void add(String stage, String shardId, Collection<TimerEntry> entries) {
    write(stage, shardId, entries,
        item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
  }

  @Override
  public void remove(String stage, String shardId, Collection<TimerEntry> entries) {
    write(stage, shardId, entries,
        key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
  }

  @Override
  public List<TimerEntry> due(String stage, String shardId, TimerEntry.Domain domain, long upTo) {
    String pk = TimerKeys.partitionKey(stage, shardId, domain);
    List<TimerEntry> due = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder request = QueryRequest.builder()
          .tableName(table)
          .keyConditionExpression("#pk = :pk AND #sk < :upper")
          .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
              ":upper", AttributeValue.fromS(TimerKeys.upperBoundExclusive(upTo))))
          .consistentRead(true)
          .limit(pageSize);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      QueryRequest page = request.build();
      QueryResponse response = withRetries("Query", () -> dynamoDb.query(page));
      for (Map<String, AttributeValue> item : response.items()) {
        due.add(TimerKeys.parse(domain, item.get(SK).s()));
      }
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey() : null;
    } while (start != null);
    return due;
  }

  @Override
  public long requests() {
    return requests.get();
  }

  private void write(String stage, String shardId, Collection<TimerEntry> entries,
      Function<Map<String, AttributeValue>, WriteRequest> request) {
    List<TimerEntry> distinct = TimerKeys.distinct(stage, shardId, entries);
    List<WriteRequest> writes = new ArrayList<>(distinct.size());
    for (TimerEntry entry : distinct) {
      writes.add(request.apply(Map.of(
          PK, AttributeValue.fromS(TimerKeys.partitionKey(stage, shardId, entry.domain())),
          SK, AttributeValue.fromS(TimerKeys.sortKey(entry)))));
    }
    for (int from = 0; from < writes.size(); from += BATCH) {
      writeBatch(writes.subList(from, Math.min(from + BATCH, writes.size())));
    }
  }

  /** Sends one batch, then its unprocessed items, with a pause before each resend. */
  private void writeBatch(List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    for (int attempt = 1; ; attempt++) {
      BatchWriteItemRequest request = BatchWriteItemRequest.builder()
          .requestItems(Map.of(table, pending))
          .build();
      BatchWriteItemResponse response;
      try {
        response = dynamoDb.batchWriteItem(request);
        requests.incrementAndGet();
      } catch (AwsServiceException e) {
        if (!isTransient(e) || attempt >= backoff.maxAttempts()) {
          throw e;
        }
        LOG.debug("BatchWriteItem on {} failed (attempt {}), will retry: {}", table, attempt, e.toString());
        backoff.pauseBefore(attempt);
        continue;
      }
      List<WriteRequest> unprocessed = response.hasUnprocessedItems()
          ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
      if (unprocessed.isEmpty()) {
        return;
      }
      if (attempt >= backoff.maxAttempts()) {
        throw new IllegalStateException(unprocessed.size() + " timer index items of " + table
            + " were still unprocessed after " + attempt + " BatchWriteItem attempts");
      }
      LOG.debug("BatchWriteItem on {} left {} items unprocessed (attempt {}), will resend", table,
          unprocessed.size(), attempt);
      backoff.pauseBefore(attempt);
      pending = unprocessed;
    }
  }

  private <T> T withRetries(String operation, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        T response = call.get();
        requests.incrementAndGet();
        return response;
      } catch (AwsServiceException e) {
        if (!isTransient(e) || attempt >= backoff.maxAttempts()) {
          throw e;
        }
        LOG.debug("{} on {} failed (attempt {}), will retry: {}", operation, table, attempt, e.toString());
        backoff.pauseBefore(attempt);
      }
    }
  }

  private static boolean isTransient(AwsServiceException e) {
    return e.isThrottlingException() || e.statusCode() >= 500;
  }
}
