package dev.runnel.inference.ratelimit;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * One bucket's item in the rate-limits table: key {@code bucket} (S); {@code requests}, {@code tokens} (N, available
 * counts), {@code refilledAt} (N, epoch milliseconds) and {@code version} (N). Writes are conditional on the version
 * read, so concurrent instances never both take the same refill.
 */
final class BucketTable {
  static final String BUCKET = "bucket";
  static final String REQUESTS = "requests";
  static final String TOKENS = "tokens";
  static final String REFILLED_AT = "refilledAt";
  static final String VERSION = "version";

  /** A bucket state with the version it was stored under. */
  record Versioned(BucketState state, long version) {}

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final String bucket;

  BucketTable(DynamoDbClient dynamoDb, String table, String bucket) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.bucket = bucket;
  }

  /** The stored state (strongly consistent), or empty when the bucket has no item yet. */
  Optional<Versioned> read() {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Map.of(BUCKET, AttributeValue.fromS(bucket)))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Versioned(new BucketState(
        Double.parseDouble(item.get(REQUESTS).n()),
        Double.parseDouble(item.get(TOKENS).n()),
        Long.parseLong(item.get(REFILLED_AT).n())),
        Long.parseLong(item.get(VERSION).n())));
  }

  /**
   * Stores {@code next} if the item is still as {@code read} found it (absent when {@code read} is empty).
   *
   * @throws ConditionalCheckFailedException when another instance wrote in between
   */
  void write(BucketState next, Optional<Versioned> read) {
    long version = read.map(Versioned::version).orElse(0L) + 1;
    PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(Map.of(
        BUCKET, AttributeValue.fromS(bucket),
        REQUESTS, number(next.requests()),
        TOKENS, number(next.tokens()),
        REFILLED_AT, AttributeValue.fromN(Long.toString(next.refilledAtMillis())),
        VERSION, AttributeValue.fromN(Long.toString(version))));
    if (read.isEmpty()) {
      put.conditionExpression("attribute_not_exists(#b)").expressionAttributeNames(Map.of("#b", BUCKET));
    } else {
      put.conditionExpression("#v = :v")
          .expressionAttributeNames(Map.of("#v", VERSION))
          .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(read.get().version()))));
    }
    dynamoDb.putItem(put.build());
  }

  private static AttributeValue number(double value) {
    return AttributeValue.fromN(BigDecimal.valueOf(value).toPlainString());
  }
}
