package dev.runnel.statestore.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.statestore.StateStore;
import dev.runnel.statestore.StateStoreContract;
import dev.runnel.statestore.StateWrite;
import dev.runnel.statestore.item.ItemLayout;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The state store contract on a real DynamoDB Local, started once for the class; plus the item format it leaves. */
class DynamoDbStateStoreTest extends StateStoreContract {
  private static final String TABLE = "runnel-state";
  private static DynamoDbLocal dynamoDb;
  private static DynamoDbClient client;

  @BeforeAll
  static void startDynamoDb() {
    dynamoDb = new DynamoDbLocal().start();
    client = dynamoDb.client();
    StateTable.create(client, TABLE);
  }

  @AfterAll
  static void stopDynamoDb() {
    client.close();
    dynamoDb.close();
  }

  @Override
  protected StateStore newStore(Clock clock) {
    return new DynamoDbStateStore(client, TABLE, clock, Backoff.DEFAULT, DynamoDbStateStore.DEFAULT_CONCURRENCY);
  }

  /** Every item of this test's stage, by partition key. */
  private Map<String, Map<String, AttributeValue>> itemsOfStage() {
    return client.scanPaginator(b -> b.tableName(TABLE).consistentRead(true)).items().stream()
        .filter(item -> item.get(ItemLayout.PARTITION_KEY).s().startsWith(stage + "|")
            || item.get(ItemLayout.PARTITION_KEY).s().startsWith(stage + "#"))
        .collect(java.util.stream.Collectors.toMap(item -> item.get(ItemLayout.PARTITION_KEY).s(), item -> item));
  }

  @Test
  void storesOneItemPerKeyWithVersionValueAndTtl() {
    write(new StateWrite(key("a"), null, "shard-1/7", bytes("x"), 1_900_000_000L));

    assertThat(itemsOfStage()).containsOnly(Map.entry(stage + "|a", Map.of(
        "pk", AttributeValue.fromS(stage + "|a"),
        "v", AttributeValue.fromS("shard-1/7"),
        "s", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(bytes("x"))),
        "ttl", AttributeValue.fromN("1900000000"))));
  }

  @Test
  void chunksLiveBesideTheHeadAndStaleOnesAreRemoved() {
    write(StateWrite.put(key("a"), null, "v1", randomBytes(1024 * 1024, 5)));
    assertThat(itemsOfStage().keySet()).containsExactlyInAnyOrder(stage + "|a", stage + "#a#1", stage + "#a#2",
        stage + "#a#3");
    assertThat(itemsOfStage().get(stage + "|a")).containsEntry("n", AttributeValue.fromN("3"))
        .doesNotContainKey("s");

    write(StateWrite.put(key("a"), "v1", "v2", bytes("small")));

    assertThat(itemsOfStage().keySet()).containsExactly(stage + "|a");
  }

  @Test
  void aKeyLookingLikeAChunkIsItsOwnItem() {
    write(StateWrite.put(key("a"), null, "v1", randomBytes(500 * 1024, 6)),
        StateWrite.put(key("a#1"), null, "v1", bytes("not a chunk")));

    assertThat(store.load(List.of(key("a"), key("a#1"))).get(key("a#1")).value()).isEqualTo(bytes("not a chunk"));
    assertThat(loadOne(key("a")).value()).isEqualTo(randomBytes(500 * 1024, 6));
  }
}
