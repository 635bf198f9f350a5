package dev.runnel.statestore.dynamodb;

import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.item.ItemLayout;
import dev.runnel.statestore.item.StateItem;
import dev.runnel.statestore.metering.RequestKind;
import dev.runnel.statestore.metering.RequestMeter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Loads states with strongly consistent BatchGetItem: heads 100 keys per request, then the chunks of chunked heads 40
 * per request (under the 16 MB response limit), unprocessed keys resent with backoff.
 */
final class StateLoader {
  static final int HEADS_PER_BATCH = 100;
  static final int CHUNKS_PER_BATCH = 40;
  /** Rounds of reading a chunked state again when a concurrent writer replaced it between head and chunks. */
  private static final int CHUNK_READ_ROUNDS = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final Backoff backoff;
  private final RequestMeter meter;

  StateLoader(DynamoDbClient dynamoDb, String table, Clock clock, Backoff backoff, RequestMeter meter) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.backoff = backoff;
    this.meter = meter;
  }

  Map<StateKey, StoredState> load(Collection<StateKey> keys) {
    Map<StateKey, StoredState> loaded = new HashMap<>();
    Collection<StateKey> pending = keys;
    for (int round = 1; !pending.isEmpty(); round++) {
      pending = loadOnce(pending, loaded);
      if (!pending.isEmpty() && round >= CHUNK_READ_ROUNDS) {
        throw new IllegalStateException("chunked states kept changing while being read: " + pending);
      }
    }
    return loaded;
  }

  /** Loads {@code keys} into {@code loaded}; returns the chunked keys whose chunks did not match their head. */
  private List<StateKey> loadOnce(Collection<StateKey> keys, Map<StateKey, StoredState> loaded) {
    Map<String, StateKey> byPk = new LinkedHashMap<>();
    for (StateKey key : keys) {
      byPk.put(ItemLayout.headKey(key), key);
    }
    Map<String, StateItem> heads = batchGet(new ArrayList<>(byPk.keySet()), HEADS_PER_BATCH);
    long now = clock.instant().getEpochSecond();
    Map<StateKey, StateItem> chunked = new LinkedHashMap<>();
    List<String> chunkPks = new ArrayList<>();
    for (Map.Entry<String, StateItem> entry : heads.entrySet()) {
      StateKey key = byPk.get(entry.getKey());
      StateItem head = entry.getValue();
      if (head.isExpiredAt(now)) {
        continue;
      }
      if (head.isChunked()) {
        chunked.put(key, head);
        for (int i = 1; i <= head.chunks(); i++) {
          chunkPks.add(ItemLayout.chunkKey(key, i));
        }
      } else {
        loaded.put(key, state(key, head, head.value()));
      }
    }
    if (chunked.isEmpty()) {
      return List.of();
    }
    Map<String, StateItem> chunks = batchGet(chunkPks, CHUNKS_PER_BATCH);
    List<StateKey> changed = new ArrayList<>();
    for (Map.Entry<StateKey, StateItem> entry : chunked.entrySet()) {
      StateKey key = entry.getKey();
      StateItem head = entry.getValue();
      List<StateItem> parts = new ArrayList<>(head.chunks());
      for (int i = 1; i <= head.chunks(); i++) {
        StateItem part = chunks.get(ItemLayout.chunkKey(key, i));
        if (part == null || !head.version().equals(part.version())) {
          break;
        }
        parts.add(part);
      }
      if (parts.size() < head.chunks()) {
        changed.add(key); // replaced between the two reads: read it again
      } else {
        loaded.put(key, state(key, head, ItemLayout.assemble(key, head, parts)));
      }
    }
    return changed;
  }

  private static StoredState state(StateKey key, StateItem head, byte[] value) {
    return new StoredState(key, head.version(), value, head.expiresAt() == null ? 0 : head.expiresAt());
  }

  /** The items with these partition keys that exist, by partition key. */
  private Map<String, StateItem> batchGet(List<String> pks, int perRequest) {
    Map<String, StateItem> items = new HashMap<>();
    for (int from = 0; from < pks.size(); from += perRequest) {
      List<Map<String, AttributeValue>> pending = new ArrayList<>();
      for (String pk : pks.subList(from, Math.min(pks.size(), from + perRequest))) {
        pending.add(StateItemSchema.key(pk));
      }
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        if (attempt > 1) {
          if (attempt > backoff.maxAttempts()) {
            throw new IllegalStateException(pending.size() + " keys of table " + table
                + " still unprocessed by BatchGetItem after " + backoff.maxAttempts() + " attempts");
          }
          backoff.pauseBefore(attempt - 1);
        }
        pending = send(pending, items);
      }
    }
    return items;
  }

  /** One BatchGetItem; returns the keys to resend. */
  private List<Map<String, AttributeValue>> send(List<Map<String, AttributeValue>> keys,
      Map<String, StateItem> items) {
    meter.request(RequestKind.BATCH_GET_ITEM);
    BatchGetItemResponse response;
    try {
      response = dynamoDb.batchGetItem(BatchGetItemRequest.builder()
          .requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build()))
          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
          .build());
    } catch (SdkException e) {
      if (TransientErrors.isTransient(e)) {
        return keys;
      }
      throw e;
    }
    for (ConsumedCapacity consumed : response.consumedCapacity()) {
      meter.readUnits(consumed.capacityUnits() == null ? 0 : consumed.capacityUnits());
    }
    List<Map<String, AttributeValue>> found = response.responses().getOrDefault(table, List.of());
    meter.itemsRead(found.size());
    for (Map<String, AttributeValue> attributes : found) {
      StateItem item = StateItemSchema.fromAttributes(attributes);
      items.put(item.pk(), item);
    }
    KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
    return unprocessed == null || !unprocessed.hasKeys() ? List.of() : unprocessed.keys();
  }
}
