package dev.runnel.checkpointing.progress;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the progress table for local runs and tests: on-demand, partition key {@code stage} (string), sort key
 * {@code shard} (string).
 */
public final class ProgressTable {
  private ProgressTable() {}

  /** Creates {@code table} unless it exists, and waits until it is active. */
  public static void create(DynamoDbClient dynamoDb, String table) {
    try {
      dynamoDb.createTable(CreateTableRequest.builder()
          .tableName(table)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(
              AttributeDefinition.builder()
                  .attributeName(DynamoDbProgressStore.STAGE).attributeType(ScalarAttributeType.S).build(),
              AttributeDefinition.builder()
                  .attributeName(DynamoDbProgressStore.SHARD).attributeType(ScalarAttributeType.S).build())
          .keySchema(
              KeySchemaElement.builder().attributeName(DynamoDbProgressStore.STAGE).keyType(KeyType.HASH).build(),
              KeySchemaElement.builder().attributeName(DynamoDbProgressStore.SHARD).keyType(KeyType.RANGE).build())
          .build());
    } catch (ResourceInUseException exists) {
      // created before, by this run or another one; wait for it like for a new one
    }
    dynamoDb.waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(table).build());
  }
}
