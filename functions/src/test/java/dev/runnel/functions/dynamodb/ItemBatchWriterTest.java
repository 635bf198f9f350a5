package dev.runnel.functions.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.output.WriteResult;
import dev.runnel.functions.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

class ItemBatchWriterTest {
  private static final List<String> KEY = List.of("id");

  private static Map<String, AttributeValue> item(String id, String value) {
    return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(value));
  }

  private static List<Map<String, AttributeValue>> items(int count) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(item("i" + i, "v" + i));
    }
    return items;
  }

  private static List<String> ids(BatchWriteItemRequest request) {
    return request.requestItems().get("t").stream().map(w -> w.putRequest().item().get("id").s()).toList();
  }

  @Test
  void writesTwentyFiveItemsPerCall() {
    FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("t", KEY));
    WriteResult result = new ItemBatchWriter(dynamoDb, RetryPolicy.immediate(3)).put("t", KEY, items(60));

    assertThat(result.complete()).isTrue();
    assertThat(dynamoDb.calls()).extracting(c -> c.requestItems().get("t").size()).containsExactly(25, 25, 10);
    assertThat(dynamoDb.items("t")).hasSize(60);
    assertThat(result.stats().batchWriteItemCalls()).isEqualTo(3);
  }

  @Test
  void resendsOnlyUnprocessedItems() {
    FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("t", KEY))
        .unprocessed((call, item) -> call == 1 && List.of("i1", "i3").contains(item.get("id").s()));
    WriteResult result = new ItemBatchWriter(dynamoDb, RetryPolicy.immediate(3)).put("t", KEY, items(5));

    assertThat(result.complete()).isTrue();
    assertThat(dynamoDb.calls()).extracting(ItemBatchWriterTest::ids)
        .containsExactly(List.of("i0", "i1", "i2", "i3", "i4"), List.of("i1", "i3"));
    assertThat(dynamoDb.items("t")).hasSize(5);
  }

  @Test
  void namesTheItemsStillUnprocessedAfterTheLastAttempt() {
    FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("t", KEY))
        .unprocessed((call, item) -> item.get("id").s().equals("i28"));
    WriteResult result = new ItemBatchWriter(dynamoDb, RetryPolicy.immediate(4)).put("t", KEY, items(30));

    assertThat(result.failed()).containsExactly(28);
    assertThat(dynamoDb.calls()).hasSize(1 + 4);
  }

  @Test
  void neverPutsOneKeyTwiceInACallAndTheLastWriteWins() {
    FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("t", KEY));
    WriteResult result = new ItemBatchWriter(dynamoDb, RetryPolicy.immediate(1))
        .put("t", KEY, List.of(item("a", "1"), item("b", "1"), item("a", "2"), item("c", "1")));

    assertThat(result.complete()).isTrue();
    assertThat(dynamoDb.calls()).extracting(ItemBatchWriterTest::ids)
        .containsExactly(List.of("a", "b"), List.of("a", "c"));
    assertThat(dynamoDb.items("t")).contains(item("a", "2")).doesNotContain(item("a", "1"));
  }
}
