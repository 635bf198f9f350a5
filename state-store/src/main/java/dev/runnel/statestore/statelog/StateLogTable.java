package dev.runnel.statestore.statelog;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The state log table ({@code <job>-state-log}, docs/state-log.md): on demand, partition key {@code pk} (string,
 * {@code <stage>|<shard>}), sort key {@code sk} (string), the part's bytes in {@code v}; no TTL, since nothing in it
 * may expire on its own. Creates it for tests and local runs; deployed tables come from infra with the same shape.
 */
public final class StateLogTable {
  /** The partition key attribute: {@code <stage>|<shard>}. */
  public static final String PK = "pk";
  /** The sort key attribute: {@code e|<revision>|<attempt>|<part>} or {@code s|...}. */
  public static final String SK = "sk";
  /** The part's bytes (binary). */
  public static final String VALUE = "v";

  private StateLogTable() {}

  /** Creates {@code table} unless it exists, and waits until it is active. */
  public static void create(DynamoDbClient dynamoDb, String table) {
    try {
      dynamoDb.createTable(b -> b.tableName(table)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(
              AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
              AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
          .keySchema(
              KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
              KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build()));
    } catch (ResourceInUseException exists) {
      // created before, by this run or another one; wait for it like for a new one
    }
    dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(table));
  }
}
