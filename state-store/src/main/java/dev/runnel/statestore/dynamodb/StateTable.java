package dev.runnel.statestore.dynamodb;

import dev.runnel.statestore.item.ItemLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates a state table for tests and local runs: on-demand, partition key {@code pk} (string), TTL on {@code ttl}.
 * Deployed tables come from infra with the same shape.
 */
public final class StateTable {
  private static final Logger LOG = LoggerFactory.getLogger(StateTable.class);

  private StateTable() {}

  /** Creates {@code table}, waits until it is active and enables TTL on {@code ttl} where the endpoint supports it. */
  public static void create(DynamoDbClient dynamoDb, String table) {
    dynamoDb.createTable(b -> b.tableName(table)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName(ItemLayout.PARTITION_KEY).attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName(ItemLayout.PARTITION_KEY).keyType(KeyType.HASH)));
    dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
    try {
      dynamoDb.updateTimeToLive(b -> b.tableName(table)
          .timeToLiveSpecification(t -> t.attributeName(ItemLayout.EXPIRES).enabled(true)));
    } catch (DynamoDbException e) {
      LOG.info("TTL not enabled on {} (the endpoint refused it): {}", table, e.toString());
    }
  }
}
