package dev.runnel.inference.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.inference.ModelResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB result store on a real DynamoDB Local, started once for the class. */
class DynamoDbInferenceResultStoreTest {
  private static final String TABLE = "runnel-inference-results";
  /**
   * Now, to the second: DynamoDB Local deletes items whose {@code expiresAt} has passed, so a fixed date in the past
   * would make stored results disappear during the test.
   */
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Duration KEEP = Duration.ofDays(7);
  private static final AtomicInteger STAGES = new AtomicInteger();

  private static DynamoDbLocal dynamoDb;
  private static DynamoDbClient client;

  private final String stage = "stage-" + STAGES.incrementAndGet();
  private final InferenceResultStore store =
      new DynamoDbInferenceResultStore(client, TABLE, KEEP, Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeAll
  static void startDynamoDb() {
    dynamoDb = new DynamoDbLocal().start();
    client = dynamoDb.client();
    ResultsTable.create(client, TABLE);
  }

  @AfterAll
  static void stopDynamoDb() {
    client.close();
    dynamoDb.close();
  }

  @Test
  void roundTripsTextVectorAndFailedResults() {
    float[] vector = {0.25f, -1.5f, Float.MIN_VALUE, 3.4028235e38f, 0f};
    Map<ResultKey, ModelResult> given = new LinkedHashMap<>();
    given.put(key("r1"), ModelResult.text("{\"label\":\"spam\"} – ünïcode", 12, 3, 2, 340));
    given.put(key("r2"), ModelResult.embedding(vector, 7, 1, 25));
    given.put(key("r3"), ModelResult.failed("HTTP 429 after 4 attempts", 4, 9000));

    Map<ResultKey, ModelResult> stored = store.putIfAbsent(given);
    Map<ResultKey, ModelResult> read = store.getAll(List.of(key("r1"), key("r2"), key("r3"), key("absent")));

    assertThat(stored).usingRecursiveComparison().isEqualTo(given);
    assertThat(read).usingRecursiveComparison().isEqualTo(given);
    assertThat(read.get(key("r2")).vector()).containsExactly(vector);
    assertThat(read.get(key("r3")).succeeded()).isFalse();
  }

  @Test
  void storesVectorsAsLittleEndianFloat32BytesWithTtlAndMetrics() {
    store.putIfAbsent(Map.of(key("v"), ModelResult.embedding(new float[384], 5, 1, 10)));
    store.putIfAbsent(Map.of(key("t"), ModelResult.text("yes", 10, 1, 1, 99)));

    Map<String, AttributeValue> vectorItem = item(key("v"));
    Map<String, AttributeValue> textItem = item(key("t"));

    assertThat(vectorItem.get("vector").b().asByteArray()).hasSize(384 * 4);
    assertThat(vectorItem).doesNotContainKeys("answer", "error");
    assertThat(textItem).containsEntry("answer", AttributeValue.fromS("yes"))
        .containsEntry("inputTokens", AttributeValue.fromN("10"))
        .containsEntry("outputTokens", AttributeValue.fromN("1"))
        .containsEntry("attempts", AttributeValue.fromN("1"))
        .containsEntry("latencyMillis", AttributeValue.fromN("99"))
        .containsEntry("storedAt", AttributeValue.fromN(Long.toString(NOW.toEpochMilli())))
        .containsEntry("expiresAt", AttributeValue.fromN(Long.toString(NOW.plus(KEEP).getEpochSecond())));
    assertThat(client.describeTimeToLive(b -> b.tableName(TABLE)).timeToLiveDescription().attributeName())
        .isEqualTo("expiresAt");
  }

  @Test
  void theFirstWriteWins() {
    ModelResult first = ModelResult.text("first", 1, 1, 1, 1);
    ModelResult second = ModelResult.text("second", 2, 2, 2, 2);

    Map<ResultKey, ModelResult> afterFirst = store.putIfAbsent(Map.of(key("k"), first));
    Map<ResultKey, ModelResult> afterSecond = store.putIfAbsent(Map.of(key("k"), second));

    assertThat(afterFirst).usingRecursiveComparison().isEqualTo(Map.of(key("k"), first));
    assertThat(afterSecond).usingRecursiveComparison().isEqualTo(Map.of(key("k"), first));
    assertThat(store.getAll(List.of(key("k"))).get(key("k")).answer()).isEqualTo("first");
  }

  @Test
  void writesAndReads250KeysInChunksOf100() {
    Map<ResultKey, ModelResult> given = results("k", 250, "a");

    Map<ResultKey, ModelResult> stored = store.putIfAbsent(given);
    Map<ResultKey, ModelResult> read = store.getAll(given.keySet());

    assertThat(stored).usingRecursiveComparison().isEqualTo(given);
    assertThat(read).usingRecursiveComparison().isEqualTo(given);
    assertThat(countItemsOfStage()).isEqualTo(250);
  }

  @Test
  void aMixedBatchKeepsWhatWasStoredAndWritesTheRest() {
    Map<ResultKey, ModelResult> earlier = new LinkedHashMap<>();
    for (int i = 0; i < 250; i += 7) {
      earlier.put(key("k" + i), ModelResult.text("old-" + i, 1, 1, 1, 1));
    }
    store.putIfAbsent(earlier);
    Map<ResultKey, ModelResult> given = results("k", 250, "new");

    Map<ResultKey, ModelResult> stored = store.putIfAbsent(given);

    Map<ResultKey, ModelResult> expected = new LinkedHashMap<>(given);
    expected.putAll(earlier);
    assertThat(stored).usingRecursiveComparison().isEqualTo(expected);
    assertThat(store.getAll(given.keySet())).usingRecursiveComparison().isEqualTo(expected);
    assertThat(earlier).hasSize(36);
  }

  @Test
  void concurrentWritersAgreeOnOneWinnerPerKey() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Map<ResultKey, ModelResult>>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String writer = "writer-" + w;
        writers.add(() -> store.putIfAbsent(results("c", 60, writer)));
      }
      List<Map<ResultKey, ModelResult>> outcomes = new ArrayList<>();
      for (Future<Map<ResultKey, ModelResult>> outcome : threads.invokeAll(writers)) {
        outcomes.add(outcome.get());
      }

      Map<ResultKey, ModelResult> finalResults = store.getAll(results("c", 60, "").keySet());
      assertThat(finalResults).hasSize(60);
      for (Map<ResultKey, ModelResult> outcome : outcomes) {
        assertThat(outcome).usingRecursiveComparison().isEqualTo(finalResults);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void getAllOfNothingAndOfDuplicateKeys() {
    store.putIfAbsent(Map.of(key("d"), ModelResult.text("x", 0, 0, 1, 1)));

    assertThat(store.getAll(List.of())).isEmpty();
    assertThat(store.getAll(List.of(key("d"), key("d"))).keySet()).containsExactly(key("d"));
    assertThat(store.putIfAbsent(Map.of())).isEmpty();
  }

  private ResultKey key(String record) {
    return new ResultKey(stage + "|" + record, "classify|gpt|v1|hash-" + record);
  }

  private Map<ResultKey, ModelResult> results(String prefix, int count, String answer) {
    Map<ResultKey, ModelResult> results = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      results.put(key(prefix + i), ModelResult.text(answer + "-" + i, i, 1, 1, i));
    }
    return results;
  }

  private Map<String, AttributeValue> item(ResultKey key) {
    return client.getItem(b -> b.tableName(TABLE).key(ResultItem.key(key)).consistentRead(true)).item();
  }

  private long countItemsOfStage() {
    return client.scanPaginator(b -> b.tableName(TABLE).consistentRead(true)).items().stream()
        .filter(item -> item.get("pk").s().startsWith(stage + "|"))
        .count();
  }
}
