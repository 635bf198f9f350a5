package dev.runnel.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalTest {
  private static DynamoDbLocal dynamo;
  private static DynamoDbClient client;

  @BeforeAll
  static void start() {
    dynamo = new DynamoDbLocal().start();
    client = dynamo.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    dynamo.close();
  }

  @Test
  void putsAndGetsAnItem() {
    client.createTable(b -> b.tableName("items")
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    client.putItem(b -> b.tableName("items").item(Map.of(
        "id", AttributeValue.fromS("i1"), "count", AttributeValue.fromN("3"))));

    Map<String, AttributeValue> item = client.getItem(b -> b.tableName("items")
        .key(Map.of("id", AttributeValue.fromS("i1"))).consistentRead(true)).item();

    assertThat(item).containsEntry("count", AttributeValue.fromN("3"));
    assertThat(dynamo.endpoint().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void closeStopsTheServer() {
    DynamoDbLocal second = new DynamoDbLocal().start();
    DynamoDbClient secondClient = second.client();
    assertThat(secondClient.listTables().tableNames()).isEmpty();

    second.close();

    assertThatThrownBy(secondClient::listTables).isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
    secondClient.close();
  }
}
