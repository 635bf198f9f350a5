package dev.runnel.checkpointing.checkpoint;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Checkpoints in one DynamoDB table, one item per (stage, shard): partition key {@code pk} = {@code stage|shardId},
 * attribute {@code position}. The first commit is a PutItem conditional on the item's absence, later ones an
 * UpdateItem conditional on the position read; reads are strongly consistent GetItems.
 */
public final class DynamoDbCheckpointStore implements CheckpointStore {
  /** The partition key attribute: {@code stage|shardId}. */
  public static final String PK = "pk";
  /** The committed position attribute: a sequence number in decimal. */
  public static final String POSITION = "position";
  /** The stage, kept for people reading the table. */
  public static final String STAGE = "stage";
  /** The shard id, kept for people reading the table. */
  public static final String SHARD_ID = "shardId";

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbCheckpointStore.class);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Backoff backoff;
  private final CheckpointCounters counters = new CheckpointCounters();

  /** A store in {@code table}, resending throttled requests with {@link Backoff#DEFAULT}. */
  public DynamoDbCheckpointStore(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, Backoff.DEFAULT);
  }

  /** A store in {@code table}, resending throttled requests as {@code backoff} says. */
  public DynamoDbCheckpointStore(DynamoDbClient dynamoDb, String table, Backoff backoff) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.backoff = backoff;
  }

  @Override
  public Optional<Checkpoint> load(String stage, String shardId) {
    GetItemRequest request = GetItemRequest.builder()
        .tableName(table)
        .key(Map.of(PK, AttributeValue.fromS(Checkpoint.itemKey(stage, shardId))))
        .consistentRead(true)
        .projectionExpression("#p")
        .expressionAttributeNames(Map.of("#p", POSITION))
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
        .build();
    GetItemResponse response = withRetries("GetItem", () -> dynamoDb.getItem(request));
    counters.recordRequest(CheckpointCounters.Request.LOAD, readUnits(response.consumedCapacity()), 0);
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    AttributeValue position = response.item().get(POSITION);
    if (position == null || position.s() == null) {
      throw new IllegalStateException("checkpoint item " + Checkpoint.itemKey(stage, shardId) + " in table " + table
          + " has no string attribute '" + POSITION + "'");
    }
    return Optional.of(new Checkpoint(stage, shardId, position.s()));
  }

  @Override
  public boolean commit(String stage, String shardId, String expectedPosition, String newPosition) {
    Checkpoint.requireAdvance(expectedPosition, newPosition);
    String key = Checkpoint.itemKey(stage, shardId);
    try {
      ConsumedCapacity consumed = expectedPosition == null
          ? withRetries("PutItem", () -> dynamoDb.putItem(first(key, stage, shardId, newPosition))).consumedCapacity()
          : withRetries("UpdateItem", () -> dynamoDb.updateItem(next(key, expectedPosition, newPosition)))
              .consumedCapacity();
      counters.recordRequest(CheckpointCounters.Request.COMMIT, 0, writeUnits(consumed));
      return true;
    } catch (ConditionalCheckFailedException conflict) {
      counters.recordRequest(CheckpointCounters.Request.COMMIT, 0, 1);
      counters.recordConflict();
      LOG.info("checkpoint {} in {} was not at {}: another invocation committed first", key, table,
          expectedPosition == null ? "(none)" : expectedPosition);
      return false;
    }
  }

  @Override
  public CheckpointCounters counters() {
    return counters;
  }

  private PutItemRequest first(String key, String stage, String shardId, String newPosition) {
    return PutItemRequest.builder()
        .tableName(table)
        .item(Map.of(PK, AttributeValue.fromS(key), POSITION, AttributeValue.fromS(newPosition),
            STAGE, AttributeValue.fromS(stage), SHARD_ID, AttributeValue.fromS(shardId)))
        .conditionExpression("attribute_not_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", PK))
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
        .build();
  }

  private UpdateItemRequest next(String key, String expectedPosition, String newPosition) {
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(Map.of(PK, AttributeValue.fromS(key)))
        .updateExpression("SET #p = :new")
        .conditionExpression("#p = :expected")
        .expressionAttributeNames(Map.of("#p", POSITION))
        .expressionAttributeValues(Map.of(":new", AttributeValue.fromS(newPosition),
            ":expected", AttributeValue.fromS(expectedPosition)))
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
        .build();
  }

  /** Runs {@code call}, resending it after throttling or a server error; a condition failure is never resent. */
  private <T> T withRetries(String operation, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (ConditionalCheckFailedException conflict) {
        throw conflict;
      } catch (AwsServiceException e) {
        if (!retryable(e) || attempt >= backoff.maxAttempts()) {
          throw e;
        }
        counters.recordRetry();
        LOG.debug("{} on {} failed (attempt {}), will retry: {}", operation, table, attempt, e.toString());
        backoff.pauseBefore(attempt);
      }
    }
  }

  private static boolean retryable(AwsServiceException e) {
    return e.isThrottlingException() || e.statusCode() >= 500;
  }

  private static double readUnits(ConsumedCapacity consumed) {
    if (consumed == null) {
      return 0;
    }
    return consumed.readCapacityUnits() != null ? consumed.readCapacityUnits() : orZero(consumed.capacityUnits());
  }

  private static double writeUnits(ConsumedCapacity consumed) {
    if (consumed == null) {
      return 0;
    }
    return consumed.writeCapacityUnits() != null ? consumed.writeCapacityUnits() : orZero(consumed.capacityUnits());
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
