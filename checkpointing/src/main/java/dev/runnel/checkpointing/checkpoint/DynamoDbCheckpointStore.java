package dev.runnel.checkpointing.checkpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
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
 * attributes {@code position} (absent while only time was committed), {@code rev} (the revision: how many commits the
 * item has had; absent on items written before revisions, which counts as 0) and, for a stage with time, the marker
 * {@code timed} and one number attribute per {@link ShardTime} field that is not {@link ShardTime#NONE}. Reads are
 * strongly consistent GetItems.
 *
 * <p>A commit by position ({@link #commit(String, String, String, String)}) is an UpdateItem conditional on the
 * position read ({@code attribute_not_exists(position)} for the first), which also bumps {@code rev} and keeps the
 * time. A commit by revision ({@link #commit(Checkpoint, Checkpoint)}) is one PutItem of the whole item, conditional on
 * the item's absence (the first) or on the revision and position read. Failed attempts record {@link BatchFailures}
 * with a commit by revision that keeps the position ({@code failing}, {@code poisoned}); a commit by position keeps
 * them, and a reader ignores the entries at or before the position. A stage whose keyed state is a state log
 * (docs/state-log.md) commits by revision, and its item names the committed state log items in {@code sl}; a commit by
 * position keeps it.
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
  /** The revision attribute, a number; an item without it is at revision 0. */
  public static final String REVISION = "rev";
  /** Present (true) on the item of a stage with time, even when every time field is NONE. */
  public static final String TIMED = "timed";
  /** {@link ShardTime#upstream()}, a map of numbers; absent when empty. */
  public static final String UPSTREAM = "tu";
  /** {@link ShardTime#watermark()}, a number; absent when NONE. */
  public static final String WATERMARK = "watermark";
  /** {@link ShardTime#processingTime()}, a number; absent when NONE. */
  public static final String PROCESSING_TIME = "processingTime";
  /** {@link ShardTime#pendingWatermark()}, a number; absent when NONE. */
  public static final String PENDING_WATERMARK = "pendingWatermark";
  /** {@link ShardTime#pendingProcessingTime()}, a number; absent when NONE. */
  public static final String PENDING_PROCESSING_TIME = "pendingProcessingTime";
  /** {@link ShardTime#maxEventTime()}, a number; absent when NONE. */
  public static final String MAX_EVENT_TIME = "maxEventTime";
  /** {@link ShardTime#lastRecordMillis()}, a number; absent when NONE. */
  public static final String LAST_RECORD_MILLIS = "lastRecordMillis";

  /** {@link BatchFailures#suspect()}, a map; absent when there is none. */
  public static final String SUSPECT = "failing";
  /** {@link BatchFailures#laneSuspects()}, a list of maps as {@link #SUSPECT}; absent when empty. */
  public static final String LANE_SUSPECTS = "failingLanes";
  /** {@link BatchFailures#poisoned()}, a list of maps; absent when empty. */
  public static final String POISONED = "poisoned";
  /**
   * {@link Checkpoint#stateLog()}, binary ({@code StateLogRefsCodec}: about 13 bytes per named item, since the item
   * is written every batch); absent when null.
   */
  public static final String STATE_LOG = "sl";
  /** {@link Checkpoint#handedOver()}, a boolean; absent when false. */
  public static final String HANDED_OVER = "handedOver";

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
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
        .build();
    GetItemResponse response = withRetries("GetItem", () -> dynamoDb.getItem(request));
    counters.recordRequest(CheckpointCounters.Request.LOAD, readUnits(response.consumedCapacity()), 0);
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(fromItem(stage, shardId, response.item()));
  }

  @Override
  public boolean commit(String stage, String shardId, String expectedPosition, String newPosition) {
    Checkpoint.requireAdvance(expectedPosition, newPosition);
    String key = Checkpoint.itemKey(stage, shardId);
    try {
      UpdateItemRequest request = advance(key, stage, shardId, expectedPosition, newPosition);
      ConsumedCapacity consumed = withRetries("UpdateItem", () -> dynamoDb.updateItem(request)).consumedCapacity();
      counters.recordRequest(CheckpointCounters.Request.COMMIT, 0, writeUnits(consumed));
      return true;
    } catch (ConditionalCheckFailedException conflict) {
      lost(key, expectedPosition == null ? "(no position)" : expectedPosition);
      return false;
    }
  }

  @Override
  public boolean commit(Checkpoint expected, Checkpoint next) {
    Checkpoint.requireNext(expected, next);
    String key = Checkpoint.itemKey(next.stage(), next.shardId());
    try {
      PutItemRequest request = replace(key, expected, next);
      ConsumedCapacity consumed = withRetries("PutItem", () -> dynamoDb.putItem(request)).consumedCapacity();
      counters.recordRequest(CheckpointCounters.Request.COMMIT, 0, writeUnits(consumed));
      return true;
    } catch (ConditionalCheckFailedException conflict) {
      lost(key, expected == null ? "(none)" : "revision " + expected.revision());
      return false;
    }
  }

  @Override
  public CheckpointCounters counters() {
    return counters;
  }

  private void lost(String key, String expected) {
    counters.recordRequest(CheckpointCounters.Request.COMMIT, 0, 1);
    counters.recordConflict();
    LOG.info("checkpoint {} in {} was not at {}: another invocation committed first", key, table, expected);
  }

  /** Sets the position, keeping the time, and bumps the revision; conditional on the position read. */
  private UpdateItemRequest advance(String key, String stage, String shardId, String expectedPosition,
      String newPosition) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":new", AttributeValue.fromS(newPosition));
    values.put(":stage", AttributeValue.fromS(stage));
    values.put(":shard", AttributeValue.fromS(shardId));
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN("1"));
    String condition = "attribute_not_exists(#p)";
    if (expectedPosition != null) {
      values.put(":expected", AttributeValue.fromS(expectedPosition));
      condition = "#p = :expected";
    }
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(Map.of(PK, AttributeValue.fromS(key)))
        .updateExpression("SET #p = :new, #stage = :stage, #shard = :shard, #rev = if_not_exists(#rev, :zero) + :one")
        .conditionExpression(condition)
        .expressionAttributeNames(Map.of("#p", POSITION, "#stage", STAGE, "#shard", SHARD_ID, "#rev", REVISION))
        .expressionAttributeValues(values)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
        .build();
  }

  /** Writes {@code next} whole; conditional on the item's absence or on {@code expected}'s revision and position. */
  private PutItemRequest replace(String key, Checkpoint expected, Checkpoint next) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    String condition;
    names.put("#pk", PK);
    if (expected == null) {
      condition = "attribute_not_exists(#pk)";
    } else {
      if (expected.revision() != 0) {
        names.remove("#pk");
      }
      names.put("#rev", REVISION);
      names.put("#p", POSITION);
      if (expected.revision() == 0) {
        values.put(":rev", AttributeValue.fromN("0"));
        condition = "attribute_exists(#pk) AND (attribute_not_exists(#rev) OR #rev = :rev)";
      } else {
        values.put(":rev", AttributeValue.fromN(Long.toString(expected.revision())));
        condition = "#rev = :rev";
      }
      if (expected.position() == null) {
        condition += " AND attribute_not_exists(#p)";
      } else {
        values.put(":p", AttributeValue.fromS(expected.position()));
        condition += " AND #p = :p";
      }
    }
    PutItemRequest.Builder request = PutItemRequest.builder()
        .tableName(table)
        .item(toItem(key, next))
        .conditionExpression(condition)
        .expressionAttributeNames(names)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
    if (!values.isEmpty()) {
      request.expressionAttributeValues(values);
    }
    return request.build();
  }

  static Map<String, AttributeValue> toItem(String key, Checkpoint checkpoint) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, AttributeValue.fromS(key));
    item.put(STAGE, AttributeValue.fromS(checkpoint.stage()));
    item.put(SHARD_ID, AttributeValue.fromS(checkpoint.shardId()));
    item.put(REVISION, AttributeValue.fromN(Long.toString(checkpoint.revision())));
    if (checkpoint.position() != null) {
      item.put(POSITION, AttributeValue.fromS(checkpoint.position()));
    }
    putFailures(item, checkpoint.failures());
    if (checkpoint.stateLog() != null) {
      item.put(STATE_LOG, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(
          StateLogRefsCodec.encode(checkpoint.stateLog()))));
    }
    if (checkpoint.handedOver()) {
      item.put(HANDED_OVER, AttributeValue.fromBool(true));
    }
    ShardTime time = checkpoint.time();
    if (time != null) {
      item.put(TIMED, AttributeValue.fromBool(true));
      putTime(item, WATERMARK, time.watermark());
      putTime(item, PROCESSING_TIME, time.processingTime());
      putTime(item, PENDING_WATERMARK, time.pendingWatermark());
      putTime(item, PENDING_PROCESSING_TIME, time.pendingProcessingTime());
      putTime(item, MAX_EVENT_TIME, time.maxEventTime());
      putTime(item, LAST_RECORD_MILLIS, time.lastRecordMillis());
      if (!time.upstream().isEmpty()) {
        Map<String, AttributeValue> upstream = new HashMap<>();
        time.upstream().forEach((producer, w) -> upstream.put(producer, AttributeValue.fromN(Long.toString(w))));
        item.put(UPSTREAM, AttributeValue.fromM(upstream));
      }
    }
    return item;
  }

  private static void putFailures(Map<String, AttributeValue> item, BatchFailures failures) {
    BatchFailures.Suspect suspect = failures.suspect();
    if (suspect != null) {
      item.put(SUSPECT, suspectItem(suspect));
    }
    if (!failures.laneSuspects().isEmpty()) {
      item.put(LANE_SUSPECTS, AttributeValue.fromL(failures.laneSuspects().stream()
          .map(DynamoDbCheckpointStore::suspectItem).toList()));
    }
    if (!failures.poisoned().isEmpty()) {
      item.put(POISONED, AttributeValue.fromL(failures.poisoned().stream().map(p -> AttributeValue.fromM(Map.of(
          "position", AttributeValue.fromS(p.position()),
          "errorType", AttributeValue.fromS(p.errorType()),
          "error", AttributeValue.fromS(p.error().isEmpty() ? "-" : p.error())))).toList()));
    }
  }

  private static AttributeValue suspectItem(BatchFailures.Suspect suspect) {
    return AttributeValue.fromM(Map.of(
        "from", AttributeValue.fromS(suspect.from()),
        "records", AttributeValue.fromN(Integer.toString(suspect.records())),
        "attempts", AttributeValue.fromN(Integer.toString(suspect.attempts())),
        "narrowing", AttributeValue.fromBool(suspect.narrowing()),
        "error", AttributeValue.fromS(suspect.lastError().isEmpty() ? "-" : suspect.lastError())));
  }

  private BatchFailures.Suspect suspect(Map<String, AttributeValue> m, String key) {
    return new BatchFailures.Suspect(m.get("from").s(), (int) number(m, "records", key),
        (int) number(m, "attempts", key), Boolean.TRUE.equals(m.get("narrowing").bool()), m.get("error").s());
  }

  private BatchFailures failures(Map<String, AttributeValue> item, String key) {
    BatchFailures.Suspect suspect = null;
    AttributeValue failing = item.get(SUSPECT);
    if (failing != null && failing.hasM()) {
      suspect = suspect(failing.m(), key);
    }
    List<BatchFailures.Suspect> lanes = new ArrayList<>();
    AttributeValue failingLanes = item.get(LANE_SUSPECTS);
    if (failingLanes != null && failingLanes.hasL()) {
      for (AttributeValue entry : failingLanes.l()) {
        lanes.add(suspect(entry.m(), key));
      }
    }
    List<BatchFailures.Poisoned> poisoned = new ArrayList<>();
    AttributeValue list = item.get(POISONED);
    if (list != null && list.hasL()) {
      for (AttributeValue entry : list.l()) {
        Map<String, AttributeValue> m = entry.m();
        poisoned.add(new BatchFailures.Poisoned(m.get("position").s(), m.get("errorType").s(), m.get("error").s()));
      }
    }
    return suspect == null && poisoned.isEmpty() && lanes.isEmpty() ? BatchFailures.NONE
        : new BatchFailures(suspect, poisoned, lanes);
  }

  private static void putTime(Map<String, AttributeValue> item, String name, long value) {
    if (value != ShardTime.NONE) {
      item.put(name, AttributeValue.fromN(Long.toString(value)));
    }
  }

  private Checkpoint fromItem(String stage, String shardId, Map<String, AttributeValue> item) {
    String key = Checkpoint.itemKey(stage, shardId);
    AttributeValue position = item.get(POSITION);
    if (position != null && position.s() == null) {
      throw new IllegalStateException("checkpoint item " + key + " in table " + table + " has a non-string '"
          + POSITION + "'");
    }
    AttributeValue timed = item.get(TIMED);
    boolean hasTime = timed != null && Boolean.TRUE.equals(timed.bool());
    BatchFailures failures = failures(item, key);
    // with a revision and nothing else, the item of a stage in parallel lanes whose failures were all dropped
    if (position == null && !hasTime && failures.isEmpty() && !item.containsKey(REVISION)) {
      throw new IllegalStateException("checkpoint item " + key + " in table " + table + " has no string attribute '"
          + POSITION + "'");
    }
    ShardTime time = hasTime
        ? new ShardTime(number(item, WATERMARK, key), number(item, PROCESSING_TIME, key),
            number(item, PENDING_WATERMARK, key), number(item, PENDING_PROCESSING_TIME, key),
            number(item, MAX_EVENT_TIME, key), number(item, LAST_RECORD_MILLIS, key), upstream(item, key))
        : null;
    long revision = item.containsKey(REVISION) ? number(item, REVISION, key) : 0;
    AttributeValue handedOver = item.get(HANDED_OVER);
    return new Checkpoint(stage, shardId, position == null ? null : position.s(), time, revision, failures,
        stateLog(item, key), handedOver != null && Boolean.TRUE.equals(handedOver.bool()));
  }

  private StateLogRefs stateLog(Map<String, AttributeValue> item, String key) {
    AttributeValue value = item.get(STATE_LOG);
    if (value == null) {
      return null;
    }
    try {
      if (value.b() == null) {
        throw new IllegalArgumentException("it is not binary: " + value);
      }
      return StateLogRefsCodec.decode(value.b().asByteArrayUnsafe());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("checkpoint item " + key + " in table " + table + " has a '" + STATE_LOG
          + "' (the state log items it names) that this runtime cannot read: " + e.getMessage()
          + ". Was it written by another Runnel version? Deploy the version that wrote it", e);
    }
  }

  private Map<String, Long> upstream(Map<String, AttributeValue> item, String key) {
    AttributeValue value = item.get(UPSTREAM);
    if (value == null || !value.hasM()) {
      return Map.of();
    }
    Map<String, Long> upstream = new HashMap<>();
    value.m().forEach((producer, w) -> upstream.put(producer, number(Map.of(producer, w), producer, key)));
    return upstream;
  }

  private long number(Map<String, AttributeValue> item, String name, String key) {
    AttributeValue value = item.get(name);
    if (value == null) {
      return ShardTime.NONE;
    }
    try {
      return Long.parseLong(value.n());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalStateException("checkpoint item " + key + " in table " + table + " has '" + name
          + "' that is not a whole number: " + value, e);
    }
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
