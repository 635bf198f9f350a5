package dev.runnel.inference.results;

import dev.failsafe.Failsafe;
import dev.runnel.inference.ModelResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads stored results with strongly consistent BatchGetItem, 100 keys per request, unprocessed keys resent. */
final class ResultReader {
  /** The most keys one BatchGetItem may ask for. */
  static final int KEYS_PER_REQUEST = 100;

  private final DynamoDbClient dynamoDb;
  private final String table;

  ResultReader(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /** The results stored under {@code keys}; keys without one are absent. */
  Map<ResultKey, ModelResult> read(Collection<ResultKey> keys) {
    List<ResultKey> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    Map<ResultKey, ModelResult> found = new HashMap<>();
    for (int from = 0; from < distinct.size(); from += KEYS_PER_REQUEST) {
      List<Map<String, AttributeValue>> batch = new ArrayList<>();
      for (ResultKey key : distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_REQUEST))) {
        batch.add(ResultItem.key(key));
      }
      readBatch(batch, found);
    }
    return found;
  }

  /** Reads one batch of at most 100 keys into {@code found}, resending unprocessed keys with backoff. */
  private void readBatch(List<Map<String, AttributeValue>> keys, Map<ResultKey, ModelResult> found) {
    AtomicReference<List<Map<String, AttributeValue>>> pending = new AtomicReference<>(keys);
    List<Map<String, AttributeValue>> left = Failsafe.with(TransientFailures.<List<Map<String, AttributeValue>>>
            retryPolicy(unprocessed -> !unprocessed.isEmpty()))
        .get(() -> pending.updateAndGet(unsent -> send(unsent, found)));
    if (!left.isEmpty()) {
      throw new IllegalStateException(left.size() + " keys of table " + table
          + " were still unprocessed by BatchGetItem after every retry");
    }
  }

  /** One BatchGetItem; returns the keys it left unprocessed. */
  private List<Map<String, AttributeValue>> send(List<Map<String, AttributeValue>> keys,
      Map<ResultKey, ModelResult> found) {
    BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(
        Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
    for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
      found.put(ResultItem.keyOf(item), ResultItem.result(item));
    }
    KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
    return unprocessed == null || !unprocessed.hasKeys() ? List.of() : unprocessed.keys();
  }
}
