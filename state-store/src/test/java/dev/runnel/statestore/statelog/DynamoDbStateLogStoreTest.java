package dev.runnel.statestore.statelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.statestore.dynamodb.Backoff;
import dev.runnel.statestore.statelog.LogItems.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The state log contract on DynamoDB Local (one server per class), plus the item layout, paging, what collect leaves,
 * resends of unprocessed items and the counts.
 */
class DynamoDbStateLogStoreTest extends StateLogStoreContract {
  private static final String TABLE = "job-state-log";

  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = dynamoDbLocal.client();
    StateLogTable.create(dynamoDb, TABLE);
  }

  @AfterAll
  static void stop() {
    if (dynamoDb != null) {
      dynamoDb.close();
    }
    if (dynamoDbLocal != null) {
      dynamoDbLocal.close();
    }
  }

  @Override
  protected StateLogStore newStore() {
    return new DynamoDbStateLogStore(dynamoDb, TABLE, Backoff.immediate(8));
  }

  @Test
  void aPartIsOneItemKeyedByStageShardKindRevisionAttemptAndPart() {
    store.write(stage, "shard-1", entry(42, "a1b2c3d4", 2), List.of(bytes("x"), bytes("y")));
    store.write(stage, "shard-1", new LogItems(Kind.SNAPSHOT, Long.MAX_VALUE, "z", 1), List.of(bytes("s")));

    assertThat(itemsOf(stage, "shard-1")).containsExactly(
        Map.of("pk", AttributeValue.fromS(stage + "|shard-1"),
            "sk", AttributeValue.fromS("e|0000000000000000042|a1b2c3d4|00000"), "v", binary("x")),
        Map.of("pk", AttributeValue.fromS(stage + "|shard-1"),
            "sk", AttributeValue.fromS("e|0000000000000000042|a1b2c3d4|00001"), "v", binary("y")),
        Map.of("pk", AttributeValue.fromS(stage + "|shard-1"),
            "sk", AttributeValue.fromS("s|9223372036854775807|z|00000"), "v", binary("s")));
  }

  @Test
  void rejectionsSayWhatToChange() {
    assertThatThrownBy(() -> store.write(stage, "s", entry(1, "a", 1),
        List.of(new byte[StateLogStore.MAX_PART_BYTES + 1])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("350001 bytes")
        .hasMessageContaining(stage).hasMessageContaining("split it");
    assertThatThrownBy(() -> store.write(stage, "s", entry(1, "a", 2), List.of(bytes("one"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 parts, but 1");
    assertThatThrownBy(() -> store.write("a|b", "s", entry(1, "a", 1), List.of(bytes("one"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'|'");
    assertThat(store.counters().requests()).isZero();
  }

  @Test
  void moreThan25PartsAreWrittenIn25sAndMoreThan100AreReadOverEveryPage() {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      parts.add(bytes("part-" + i));
    }
    LogItems snapshot = new LogItems(Kind.SNAPSHOT, 9, "big", 130);
    List<LogItems> entries = new ArrayList<>();
    for (int revision = 10; revision < 120; revision++) {
      LogItems entry = entry(revision, "r" + revision, 1);
      entries.add(entry);
      store.write(stage, "s", entry, List.of(bytes("entry-" + revision)));
    }
    StateLogCounters before = store.counters();
    store.write(stage, "s", snapshot, parts);
    assertThat(store.counters().batchWriteItemRequests() - before.batchWriteItemRequests()).isEqualTo(6);
    assertThat(store.counters().itemsWritten() - before.itemsWritten()).isEqualTo(130);

    List<LogItems> named = new ArrayList<>(List.of(snapshot));
    named.addAll(entries);
    List<byte[]> expected = new ArrayList<>(parts);
    entries.forEach(e -> expected.add(bytes("entry-" + e.revision())));
    assertThat(store.read(stage, "s", named)).containsExactlyElementsOf(expected);

    DynamoDbStateLogStore paged = new DynamoDbStateLogStore(dynamoDb, TABLE, Backoff.immediate(8), 40);
    assertThat(paged.read(stage, "s", named)).containsExactlyElementsOf(expected);
    // 130 snapshot parts in pages of 40: 4 pages; 110 entries: 3 pages (the last page ends the span exactly: one
    // more, empty, page may follow when the last item fills a page)
    assertThat(paged.counters().queryRequests()).isBetween(7L, 9L);
    assertThat(paged.counters().itemsRead()).isEqualTo(240);
  }

  @Test
  void collectLeavesExactlyTheNamedItemsAndThoseAboveUpTo() {
    LogItems oldSnapshot = new LogItems(Kind.SNAPSHOT, 1, "old", 2);
    LogItems snapshot = new LogItems(Kind.SNAPSHOT, 4, "new", 2);
    LogItems named5 = entry(5, "kept", 1);
    store.write(stage, "s", oldSnapshot, List.of(bytes("o1"), bytes("o2")));
    store.write(stage, "s", entry(2, "a", 1), List.of(bytes("2")));
    store.write(stage, "s", entry(3, "a", 1), List.of(bytes("3")));
    store.write(stage, "s", entry(3, "zombie", 1), List.of(bytes("3z")));
    store.write(stage, "s", new LogItems(Kind.SNAPSHOT, 4, "lost", 1), List.of(bytes("4 lost")));
    store.write(stage, "s", snapshot, List.of(bytes("n1"), bytes("n2")));
    store.write(stage, "s", named5, List.of(bytes("5")));
    store.write(stage, "s", entry(6, "inflight", 1), List.of(bytes("6")));
    store.write(stage, "s", new LogItems(Kind.SNAPSHOT, 7, "inflight", 1), List.of(bytes("7")));
    store.write(stage, "s2", entry(2, "a", 1), List.of(bytes("other shard")));
    store.write(stage + "x", "s", entry(2, "a", 1), List.of(bytes("other stage")));

    assertThat(store.collect(stage, "s", 5, List.of(snapshot, named5))).isEqualTo(6);

    assertThat(itemsOf(stage, "s")).extracting(item -> item.get("sk").s()).containsExactly(
        "e|0000000000000000005|kept|00000",
        "e|0000000000000000006|inflight|00000",
        "s|0000000000000000004|new|00000",
        "s|0000000000000000004|new|00001",
        "s|0000000000000000007|inflight|00000");
    assertThat(itemsOf(stage, "s2")).hasSize(1);
    assertThat(itemsOf(stage + "x", "s")).hasSize(1);
    assertThat(store.read(stage, "s", List.of(snapshot, named5)))
        .containsExactly(bytes("n1"), bytes("n2"), bytes("5"));
    assertThat(store.counters().itemsDeleted()).isEqualTo(6);
    assertThat(store.collect(stage, "s", 5, List.of(snapshot, named5))).isZero();
  }

  @Test
  void collectDeletesMoreThan25ItemsInCallsOf25() {
    for (int revision = 1; revision <= 40; revision++) {
      store.write(stage, "s", entry(revision, "a", 1), List.of(bytes("r" + revision)));
    }
    LogItems kept = entry(40, "a", 1);
    StateLogCounters before = store.counters();
    assertThat(store.collect(stage, "s", 40, List.of(kept))).isEqualTo(39);
    assertThat(store.counters().batchWriteItemRequests() - before.batchWriteItemRequests()).isEqualTo(2);
    assertThat(itemsOf(stage, "s")).extracting(item -> item.get("sk").s())
        .containsExactly("e|0000000000000000040|a|00000");
  }

  @Test
  void countersAreTheRequestsSentAndTheUnitsDynamoDbReported() {
    store.write(stage, "s", entry(1, "a", 1), List.of(random(1500, 3)));
    store.write(stage, "s", entry(2, "a", 1), List.of(bytes("small")));
    store.read(stage, "s", List.of(entry(1, "a", 1), entry(2, "a", 1)));
    store.collect(stage, "s", 2, List.of(entry(2, "a", 1)));

    StateLogCounters counters = store.counters();
    assertThat(counters.batchWriteItemRequests()).isEqualTo(3);
    assertThat(counters.queryRequests()).isEqualTo(3); // one read (entries), one collect per kind
    assertThat(counters.batchGetItemRequests()).isZero();
    assertThat(counters.writeCapacityUnits()).isEqualTo(2 + 1 + 2); // 1.5 KB put, small put, 1.5 KB delete
    assertThat(counters.readCapacityUnits()).isGreaterThan(0);
    assertThat(counters.itemsWritten()).isEqualTo(2);
    assertThat(counters.itemsDeleted()).isEqualTo(1);
    assertThat(counters.itemsRead()).isEqualTo(2 + 2);
  }

  @Test
  void unprocessedItemsAndOnlyThoseAreResentWithEveryCallCounted() {
    Flaky flaky = new Flaky(dynamoDb);
    flaky.unprocessedRounds.set(3);
    DynamoDbStateLogStore flakyStore = new DynamoDbStateLogStore(flaky, TABLE, Backoff.immediate(8));
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      parts.add(bytes("p" + i));
    }
    LogItems snapshot = new LogItems(Kind.SNAPSHOT, 1, "flaky", 30);

    flakyStore.write(stage, "s", snapshot, parts);

    assertThat(flakyStore.read(stage, "s", List.of(snapshot))).containsExactlyElementsOf(parts);
    // call of 25: sent, then 3 resends of what was left (13, 7, 4 items); call of 5: 1
    assertThat(flaky.sentItems).containsExactly(25, 13, 7, 4, 5);
    assertThat(flakyStore.counters().batchWriteItemRequests()).isEqualTo(5);
    assertThat(flakyStore.counters().itemsWritten()).isEqualTo(30);

    flaky.unprocessedRounds.set(100);
    DynamoDbStateLogStore impatient = new DynamoDbStateLogStore(flaky, TABLE, Backoff.immediate(3));
    assertThatThrownBy(() -> impatient.write(stage, "s", entry(2, "never", 4),
        List.of(bytes("1"), bytes("2"), bytes("3"), bytes("4"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stage " + stage + " shard s").hasMessageContaining("after 3 BatchWriteItem calls")
        .hasMessageContaining("e|0000000000000000002|never|");
    assertThat(impatient.counters().batchWriteItemRequests()).isEqualTo(3);
  }

  @Test
  void creatingTheTableTwiceIsHarmless() {
    StateLogTable.create(dynamoDb, TABLE);
    store.write(stage, "s", entry(1, "a", 1), List.of(bytes("a")));
    assertThat(store.read(stage, "s", List.of(entry(1, "a", 1)))).containsExactly(bytes("a"));
  }

  private static AttributeValue binary(String text) {
    return AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String(text));
  }

  private static List<Map<String, AttributeValue>> itemsOf(String stage, String shard) {
    return dynamoDb.queryPaginator(b -> b.tableName(TABLE).consistentRead(true)
            .keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(stage + "|" + shard))))
        .items().stream().toList();
  }

  /**
   * A client that, for the next n BatchWriteItems, writes only the first half of the items and returns the rest as
   * unprocessed; it records how many items each BatchWriteItem carried.
   */
  private static final class Flaky implements DynamoDbClient {
    private final DynamoDbClient real;
    final AtomicInteger unprocessedRounds = new AtomicInteger();
    final List<Integer> sentItems = new ArrayList<>();

    Flaky(DynamoDbClient real) {
      this.real = real;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      String table = request.requestItems().keySet().iterator().next();
      List<WriteRequest> writes = request.requestItems().get(table);
      sentItems.add(writes.size());
      if (unprocessedRounds.getAndDecrement() <= 0) {
        return real.batchWriteItem(request);
      }
      int half = writes.size() / 2;
      if (half > 0) {
        real.batchWriteItem(b -> b.requestItems(Map.of(table, writes.subList(0, half))));
      }
      return BatchWriteItemResponse.builder()
          .unprocessedItems(Map.of(table, writes.subList(half, writes.size()))).build();
    }

    @Override
    public QueryResponse query(QueryRequest request) {
      return real.query(request);
    }

    @Override
    public String serviceName() {
      return real.serviceName();
    }

    @Override
    public void close() {}
  }
}
