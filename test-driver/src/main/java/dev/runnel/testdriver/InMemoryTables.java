package dev.runnel.testdriver;

import dev.runnel.functions.output.TableItem;
import dev.runnel.plan.Plan;
import dev.runnel.plan.TableSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The tables a stage writes through its DynamoDB client when its exactly-once stores are in memory: sink tables and
 * the dead-letter table. It takes BatchWriteItem (puts and deletes) and PutItem, unconditional or with the
 * table-sink condition that the stored item is not from a later position; any other call fails. Besides each
 * table's items it keeps every item written, in emission order, also one its condition refused because a newer value
 * of the key was stored first: a handler writes a batch's positioned items concurrently, so the writes of one
 * invocation are put in position order when it ends ({@link #invocationEnded}).
 */
final class InMemoryTables implements DynamoDbClient {
  private static final String POSITION_CONDITION = "attribute_not_exists(#p) OR #p <= :p";

  /** One accepted write of an item; {@code key} its key attributes' values as text. */
  record Write(String table, Map<String, AttributeValue> item, String key) {}

  private final Map<String, List<String>> keys = new LinkedHashMap<>();
  private final Map<String, Map<List<AttributeValue>, Map<String, AttributeValue>>> items = new LinkedHashMap<>();
  private final List<Write> written = new ArrayList<>();
  private final List<Write> thisInvocation = new ArrayList<>();

  InMemoryTables(Plan plan) {
    for (TableSpec table : plan.tables()) {
      keys.put(table.name(), table.sortKey() == null ? List.of(table.partitionKey())
          : List.of(table.partitionKey(), table.sortKey()));
      items.put(table.name(), new LinkedHashMap<>());
    }
  }

  @Override
  public synchronized BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    request.requestItems().forEach((table, writes) -> {
      for (WriteRequest write : writes) {
        if (write.putRequest() != null) {
          store(table, write.putRequest().item());
        } else if (write.deleteRequest() != null) {
          table(table).remove(key(table, write.deleteRequest().key()));
        }
      }
    });
    return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
  }

  @Override
  public synchronized PutItemResponse putItem(PutItemRequest request) {
    String condition = request.conditionExpression();
    if (condition != null) {
      if (!condition.equals(POSITION_CONDITION)) {
        throw new UnsupportedOperationException("the test driver's tables do not evaluate the condition "
            + condition);
      }
      String attribute = request.expressionAttributeNames().get("#p");
      AttributeValue position = request.expressionAttributeValues().get(":p");
      List<AttributeValue> key = key(request.tableName(), request.item());
      Map<String, AttributeValue> stored = table(request.tableName()).get(key);
      if (stored != null && stored.containsKey(attribute) && stored.get(attribute).s().compareTo(position.s()) > 0) {
        // a newer value is stored: the item is still an output the sink received (the handler writes a batch's
        // items concurrently, so which of two writes of a key lands first is a race; the emission order is not)
        thisInvocation.add(new Write(request.tableName(), request.item(), key.toString()));
        throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
      }
    }
    store(request.tableName(), request.item());
    return PutItemResponse.builder().build();
  }

  private void store(String table, Map<String, AttributeValue> item) {
    List<AttributeValue> key = key(table, item);
    table(table).put(key, Map.copyOf(item));
    thisInvocation.add(new Write(table, item, key.toString()));
  }

  /**
   * Ends an invocation: its writes join the emission order, positioned items in the order of their producing records'
   * positions (a batch's records are in position order; items of one position, such as one firing round's, by key),
   * the rest in the order they came.
   */
  synchronized void invocationEnded() {
    List<Write> ordered = new ArrayList<>(thisInvocation);
    ordered.sort(Comparator.comparing(InMemoryTables::positionOf, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(write -> positionOf(write) == null ? "" : write.key()));
    written.addAll(ordered);
    thisInvocation.clear();
  }

  /** Every item written to {@code table}, in emission order. */
  synchronized List<Map<String, AttributeValue>> writes(String table) {
    return written.stream().filter(w -> w.table().equals(table)).map(Write::item).toList();
  }

  /** The items {@code table} holds now, in the order their keys were first written. */
  synchronized List<Map<String, AttributeValue>> items(String table) {
    return List.copyOf(table(table).values());
  }

  private static String positionOf(Write write) {
    AttributeValue position = write.item().get(TableItem.POSITION_ATTRIBUTE);
    return position == null ? null : position.s();
  }

  private Map<List<AttributeValue>, Map<String, AttributeValue>> table(String table) {
    Map<List<AttributeValue>, Map<String, AttributeValue>> found = items.get(table);
    if (found == null) {
      throw new IllegalStateException("the plan has no table " + table);
    }
    return found;
  }

  private List<AttributeValue> key(String table, Map<String, AttributeValue> item) {
    table(table);
    List<AttributeValue> key = new ArrayList<>(2);
    for (String attribute : keys.get(table)) {
      AttributeValue value = item.get(attribute);
      if (value == null) {
        throw new IllegalArgumentException("an item of table " + table + " lacks its key attribute " + attribute);
      }
      key.add(value);
    }
    return key;
  }

  @Override
  public String serviceName() {
    return "dynamodb";
  }

  @Override
  public void close() {}
}
