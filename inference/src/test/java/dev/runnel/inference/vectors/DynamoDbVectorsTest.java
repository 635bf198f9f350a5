package dev.runnel.inference.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.runnel.emulators.DynamoDbLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Loading an index from a table sink of embeddings on DynamoDB Local. */
class DynamoDbVectorsTest {
  private static DynamoDbLocal dynamoDb;
  private static DynamoDbClient client;

  @BeforeAll
  static void startDynamoDb() {
    dynamoDb = new DynamoDbLocal().start();
    client = dynamoDb.client();
  }

  @AfterAll
  static void stopDynamoDb() {
    client.close();
    dynamoDb.close();
  }

  @Test
  void loadsListsOfNumbersWithTheOtherScalarsAsFields() {
    createTable("embeddings");
    put("embeddings", Map.of("docId", AttributeValue.fromS("a"), "embedding", vector(1, 0, 0),
        "title", AttributeValue.fromS("Alpha"), "year", AttributeValue.fromN("2024"),
        "public", AttributeValue.fromBool(true),
        "tags", AttributeValue.fromL(List.of(AttributeValue.fromS("ignored")))));
    put("embeddings", Map.of("docId", AttributeValue.fromS("b"), "embedding", vector(0.6, 0.8, 0),
        "title", AttributeValue.fromS("Beta")));
    put("embeddings", Map.of("docId", AttributeValue.fromS("c"), "embedding", vector(0, 0, 2.5)));
    put("embeddings", Map.of("docId", AttributeValue.fromS("no-vector"), "title", AttributeValue.fromS("skipped")));
    for (int i = 0; i < 150; i++) {
      put("embeddings", Map.of("docId", AttributeValue.fromS("filler-" + i), "embedding", vector(-1, -0.001 * i, 0)));
    }

    VectorIndex index = DynamoDbVectors.load(client, "embeddings", "docId", "embedding");

    assertThat(index.size()).isEqualTo(153);
    assertThat(index.dimension()).isEqualTo(3);
    List<Neighbour> nearest = index.nearest(new float[] {1, 0.1f, 0}, 2);
    assertThat(nearest).extracting(Neighbour::id).containsExactly("a", "b");
    assertThat(nearest.get(0).fields()).containsOnly(
        Map.entry("title", "Alpha"), Map.entry("year", "2024"), Map.entry("public", "true"));
    assertThat(nearest.get(1).score()).isCloseTo((0.6 + 0.08) / Math.sqrt(1.01), within(1e-6));
  }

  @Test
  void aVectorThatIsNotAListOfNumbersNamesTheItem() {
    createTable("broken");
    put("broken", Map.of("docId", AttributeValue.fromS("bad"), "embedding", AttributeValue.fromS("[1,2]")));

    assertThatThrownBy(() -> DynamoDbVectors.load(client, "broken", "docId", "embedding"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
  }

  private static AttributeValue vector(double... values) {
    List<AttributeValue> list = new ArrayList<>();
    for (double value : values) {
      list.add(AttributeValue.fromN(java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()));
    }
    return AttributeValue.fromL(list);
  }

  private static void createTable(String table) {
    client.createTable(b -> b.tableName(table)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("docId").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("docId").keyType(KeyType.HASH)));
  }

  private static void put(String table, Map<String, AttributeValue> item) {
    client.putItem(b -> b.tableName(table).item(item));
  }
}
