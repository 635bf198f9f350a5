package dev.runnel.inference.results;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates an inference-results table the way the local runner provisions it from the plan, for tests. */
final class ResultsTable {
  private ResultsTable() {}

  /** Creates {@code table}: {@code pk} (S) hash, {@code sk} (S) range, on demand, TTL on {@code expiresAt}. */
  static void create(DynamoDbClient client, String table) {
    client.createTable(b -> b.tableName(table)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
        .keySchema(
            k -> k.attributeName("pk").keyType(KeyType.HASH),
            k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    client.waiter().waitUntilTableExists(b -> b.tableName(table));
    client.updateTimeToLive(b -> b.tableName(table)
        .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
  }
}
