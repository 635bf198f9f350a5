package dev.runnel.statestore.timers;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates a timer index table for tests and local runs: on-demand, partition key {@code pk} (string), sort key
 * {@code sk} (string). Deployed tables come from infra with the same shape.
 */
public final class TimerIndexTable {
  private TimerIndexTable() {}

  /** Creates {@code table} unless it exists, and waits until it is active. */
  public static void create(DynamoDbClient dynamoDb, String table) {
    try {
      dynamoDb.createTable(b -> b.tableName(table)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(
              AttributeDefinition.builder()
                  .attributeName(DynamoDbTimerIndex.PK).attributeType(ScalarAttributeType.S).build(),
              AttributeDefinition.builder()
                  .attributeName(DynamoDbTimerIndex.SK).attributeType(ScalarAttributeType.S).build())
          .keySchema(
              KeySchemaElement.builder().attributeName(DynamoDbTimerIndex.PK).keyType(KeyType.HASH).build(),
              KeySchemaElement.builder().attributeName(DynamoDbTimerIndex.SK).keyType(KeyType.RANGE).build()));
    } catch (ResourceInUseException exists) {
      // created before, by this run or another one; wait for it like for a new one
    }
    dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
  }
}
