package dev.runnel.functions.dynamodb;

import dev.runnel.functions.output.ServiceErrors;
import dev.runnel.functions.output.WriteResult;
import dev.runnel.functions.output.WriteStats;
import dev.runnel.functions.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Puts items into one table with BatchWriteItem, 25 per call, resending UnprocessedItems with backoff. Items are
 * written in order, in chunks that never hold one key twice (DynamoDB rejects such a request), so the last item of
 * a key wins as with sequential puts.
 */
public final class ItemBatchWriter {
  /** Items per BatchWriteItem call. */
  public static final int MAX_ITEMS = 25;

  private static final Logger LOG = LoggerFactory.getLogger(ItemBatchWriter.class);

  private final DynamoDbClient dynamoDb;
  private final RetryPolicy retry;

  /** A writer using {@code dynamoDb}, retrying unprocessed items as {@code retry} says. */
  public ItemBatchWriter(DynamoDbClient dynamoDb, RetryPolicy retry) {
    this.dynamoDb = dynamoDb;
    this.retry = retry;
  }

  /**
   * Puts {@code items} into {@code table}, whose key attributes are {@code keyAttributes}; the result names the
   * indexes still unwritten after all attempts.
   */
  public WriteResult put(String table, List<String> keyAttributes, List<Map<String, AttributeValue>> items) {
    Set<Integer> failed = new HashSet<>();
    long calls = 0;
    for (List<Integer> chunk : chunks(keyAttributes, items)) {
      Map<Map<String, AttributeValue>, Integer> byKey = new HashMap<>();
      for (int index : chunk) {
        byKey.put(key(keyAttributes, items.get(index)), index);
      }
      List<Integer> pending = chunk;
      for (int attempt = 1; ; attempt++) {
        calls++;
        List<Integer> unprocessed = send(table, keyAttributes, items, pending, byKey);
        if (unprocessed.isEmpty()) {
          break;
        }
        if (attempt >= retry.maxAttempts()) {
          LOG.warn("{} items still not in table {} after {} attempts", unprocessed.size(), table, attempt);
          failed.addAll(unprocessed);
          break;
        }
        retry.pauseBefore(attempt);
        pending = unprocessed;
      }
    }
    return new WriteResult(failed, new WriteStats(0, 0, calls));
  }

  private List<Integer> send(String table, List<String> keyAttributes, List<Map<String, AttributeValue>> items,
      List<Integer> pending, Map<Map<String, AttributeValue>, Integer> byKey) {
    List<WriteRequest> writes = new ArrayList<>(pending.size());
    for (int index : pending) {
      writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(items.get(index)).build()).build());
    }
    BatchWriteItemResponse response;
    try {
      response = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(table, writes)).build());
    } catch (SdkException e) {
      if (!ServiceErrors.retryable(e)) {
        throw e;
      }
      LOG.debug("BatchWriteItem on {} failed, will retry: {}", table, e.toString());
      return pending;
    }
    List<WriteRequest> left = response.hasUnprocessedItems()
        ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
    List<Integer> unprocessed = new ArrayList<>(left.size());
    for (WriteRequest write : left) {
      Integer index = write.putRequest() == null ? null : byKey.get(key(keyAttributes, write.putRequest().item()));
      if (index == null) {
        throw new IllegalStateException("DynamoDB returned an unprocessed item of table " + table
            + " that was not in the request");
      }
      unprocessed.add(index);
    }
    return unprocessed;
  }

  private static List<List<Integer>> chunks(List<String> keyAttributes, List<Map<String, AttributeValue>> items) {
    List<List<Integer>> chunks = new ArrayList<>();
    List<Integer> chunk = new ArrayList<>();
    Set<Map<String, AttributeValue>> keys = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Map<String, AttributeValue> key = key(keyAttributes, items.get(i));
      if (chunk.size() == MAX_ITEMS || keys.contains(key)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        keys.clear();
      }
      chunk.add(i);
      keys.add(key);
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private static Map<String, AttributeValue> key(List<String> keyAttributes, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new HashMap<>();
    for (String attribute : keyAttributes) {
      AttributeValue value = item.get(attribute);
      if (value != null) {
        key.put(attribute, value);
      }
    }
    return key;
  }
}
