package dev.runnel.statestore.dynamodb;

import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateWrite;
import dev.runnel.statestore.item.CapacityUnits;
import dev.runnel.statestore.item.ItemLayout;
import dev.runnel.statestore.item.StateItem;
import dev.runnel.statestore.metering.RequestKind;
import dev.runnel.statestore.metering.RequestMeter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes one key conditionally: PutItem or DeleteItem of its head (common path), or, for a value in chunks, one
 * TransactWriteItems of head and chunks. Afterwards, chunks the old value had beyond the new one are deleted, each
 * only while it still carries the old version, so a later writer's chunks are never touched.
 */
final class StateWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StateWriter.class);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final Backoff backoff;
  private final RequestMeter meter;

  StateWriter(DynamoDbClient dynamoDb, String table, Clock clock, Backoff backoff, RequestMeter meter) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.backoff = backoff;
    this.meter = meter;
  }

  /** Applies {@code write}, whose items {@code items} are (head first); false if its condition failed. */
  boolean write(StateWrite write, List<StateItem> items) {
    boolean written;
    if (items.size() > 1) {
      written = writeChunked(write, items);
    } else if (write.isDelete()) {
      written = delete(write);
    } else {
      written = put(write, items.get(0));
    }
    if (!written) {
      meter.conflict();
    }
    return written;
  }

  private boolean put(StateWrite write, StateItem head) {
    VersionCondition condition = VersionCondition.of(write.expectedVersion(), now());
    PutItemResponse response;
    try {
      response = withRetry(RequestKind.PUT_ITEM, () -> dynamoDb.putItem(b -> b.tableName(table)
          .item(StateItemSchema.toAttributes(head))
          .conditionExpression(condition.expression())
          .expressionAttributeNames(condition.names())
          .expressionAttributeValues(condition.values())
          .returnValues(ReturnValue.ALL_OLD)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    } catch (ConditionalCheckFailedException e) {
      meter.writeUnits(conflictUnits(e));
      return false;
    }
    meter.writeUnits(units(response.consumedCapacity()));
    meter.itemsWritten(1);
    deleteStaleChunks(write.key(), response.attributes(), 1);
    return true;
  }

  private boolean delete(StateWrite write) {
    VersionCondition condition = VersionCondition.of(write.expectedVersion(), now());
    String pk = ItemLayout.headKey(write.key());
    DeleteItemResponse response;
    try {
      response = withRetry(RequestKind.DELETE_ITEM, () -> dynamoDb.deleteItem(b -> b.tableName(table)
          .key(StateItemSchema.key(pk))
          .conditionExpression(condition.expression())
          .expressionAttributeNames(condition.names())
          .expressionAttributeValues(condition.values())
          .returnValues(ReturnValue.ALL_OLD)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    } catch (ConditionalCheckFailedException e) {
      meter.writeUnits(conflictUnits(e));
      return false;
    }
    meter.writeUnits(units(response.consumedCapacity()));
    meter.itemsWritten(response.hasAttributes() && !response.attributes().isEmpty() ? 1 : 0);
    deleteStaleChunks(write.key(), response.attributes(), 1);
    return true;
  }

  /**
   * Reads the head (to learn the old chunk count, and to send no doubled-price transaction that would fail anyway),
   * then writes head and chunks in one transaction conditional on the head.
   */
  private boolean writeChunked(StateWrite write, List<StateItem> items) {
    String pk = items.get(0).pk();
    GetItemResponse read = withRetry(RequestKind.GET_ITEM, () -> dynamoDb.getItem(b -> b.tableName(table)
        .key(StateItemSchema.key(pk)).consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    meter.readUnits(units(read.consumedCapacity()));
    Map<String, AttributeValue> oldHead = read.hasItem() ? read.item() : Map.of();
    long now = now();
    StateItem old = oldHead == null || oldHead.isEmpty() ? null : StateItemSchema.fromAttributes(oldHead);
    meter.itemsRead(old == null ? 0 : 1);
    boolean live = old != null && !old.isExpiredAt(now);
    if (write.expectedVersion() == null ? live : !live || !write.expectedVersion().equals(old.version())) {
      return false;
    }
    VersionCondition condition = VersionCondition.of(write.expectedVersion(), now);
    List<TransactWriteItem> actions = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Put.Builder put = Put.builder().tableName(table).item(StateItemSchema.toAttributes(items.get(i)));
      if (i == 0) {
        put.conditionExpression(condition.expression()).expressionAttributeNames(condition.names())
            .expressionAttributeValues(condition.values());
      }
      actions.add(TransactWriteItem.builder().put(put.build()).build());
    }
    TransactWriteItemsResponse response;
    try {
      response = withRetry(RequestKind.TRANSACT_WRITE_ITEMS, () -> dynamoDb.transactWriteItems(b -> b
          .transactItems(actions).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    } catch (TransactionCanceledException e) {
      if (e.hasCancellationReasons() && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
        meter.writeUnits(items.stream().mapToLong(item -> 2 * CapacityUnits.write(ItemLayout.size(item))).sum());
        return false;
      }
      throw e;
    }
    if (response.hasConsumedCapacity()) {
      response.consumedCapacity().forEach(consumed -> meter.writeUnits(units(consumed)));
    }
    meter.itemsWritten(items.size());
    deleteStaleChunks(write.key(), oldHead, items.size());
    return true;
  }

  /**
   * Deletes chunks {@code from}.. of the replaced head {@code oldHead}, each only if it still holds the old version.
   * Best effort: leftovers are never read (heads name their chunk count and chunks carry their version).
   */
  private void deleteStaleChunks(StateKey key, Map<String, AttributeValue> oldHead, int from) {
    if (oldHead == null || oldHead.isEmpty()) {
      return;
    }
    StateItem old = StateItemSchema.fromAttributes(oldHead);
    if (!old.isChunked()) {
      return;
    }
    for (int i = from; i <= old.chunks(); i++) {
      String pk = ItemLayout.chunkKey(key, i);
      try {
        DeleteItemResponse response = withRetry(RequestKind.DELETE_ITEM, () -> dynamoDb.deleteItem(b -> b
            .tableName(table)
            .key(StateItemSchema.key(pk))
            .conditionExpression("#v = :old")
            .expressionAttributeNames(Map.of("#v", ItemLayout.VERSION))
            .expressionAttributeValues(Map.of(":old", AttributeValue.fromS(old.version())))
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
        meter.writeUnits(units(response.consumedCapacity()));
        meter.itemsWritten(1);
      } catch (ConditionalCheckFailedException e) {
        meter.writeUnits(conflictUnits(e)); // already replaced or gone
      } catch (SdkException e) {
        LOG.warn("Could not delete stale chunk {} of {}; it is never read and stays until replaced: {}", i, key,
            e.toString());
      }
    }
  }

  /** Sends {@code request}, counting each attempt, resending after throttling and server errors with backoff. */
  private <T> T withRetry(RequestKind kind, Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      meter.request(kind);
      try {
        return request.get();
      } catch (TransactionCanceledException e) {
        if (attempt >= backoff.maxAttempts() || !e.hasCancellationReasons()
            || !TransientErrors.isTransient(e.cancellationReasons())) {
          throw e;
        }
        LOG.debug("{} on {} cancelled, will retry: {}", kind, table, e.cancellationReasons());
      } catch (ConditionalCheckFailedException e) {
        throw e;
      } catch (SdkException e) {
        if (attempt >= backoff.maxAttempts() || !TransientErrors.isTransient(e)) {
          throw e;
        }
        LOG.debug("{} on {} failed, will retry: {}", kind, table, e.toString());
      }
      backoff.pauseBefore(attempt);
    }
  }

  /** What a failed condition costs: the existing item's size, at least 1 unit (DynamoDB does not report it). */
  private static long conflictUnits(ConditionalCheckFailedException e) {
    if (!e.hasItem() || e.item().isEmpty()) {
      return CapacityUnits.write(0);
    }
    return CapacityUnits.write(ItemLayout.size(StateItemSchema.fromAttributes(e.item())));
  }

  private static double units(ConsumedCapacity consumed) {
    return consumed == null || consumed.capacityUnits() == null ? 0 : consumed.capacityUnits();
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }
}
