package dev.runnel.checkpointing.sourceid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.checkpoint.Backoff;
import dev.runnel.checkpointing.checkpoint.CheckpointTable;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.emulators.DynamoDbLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Segments on DynamoDB Local, beside the checkpoints of the same table. */
class DynamoDbIdSegmentStoreTest {
  private static final String TABLE = "ids-checkpoints";
  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = dynamoDbLocal.client();
    CheckpointTable.create(dynamoDb, TABLE);
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

  @Test
  void aSegmentReadsBackAsWrittenNextToTheCheckpointAndExpiresAfterItsWindow() {
    DynamoDbIdSegmentStore store = new DynamoDbIdSegmentStore(dynamoDb, TABLE, 600_000, Backoff.immediate(3));
    long newest = 1_800_000_000_000L;
    List<SeenId> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(new SeenId(IdHash.of("order-" + i), newest - i * 37L));
    }
    ids.add(new SeenId(Long.MIN_VALUE, newest + 5)); // an arrival after the newest (not monotonic)
    IdSegment segment = new IdSegment("job-1", "shardId-000000000000", "4960000000000000000000000001",
        "4960000000000000000000000000", newest, ids);
    store.write(segment);
    new DynamoDbCheckpointStore(dynamoDb, TABLE).commit("job-1", "shardId-000000000000", null,
        "4960000000000000000000000001");

    assertThat(store.read("job-1", "shardId-000000000000", "4960000000000000000000000001")).contains(segment);
    assertThat(store.read("job-1", "shardId-000000000000", "1")).isEmpty();
    assertThat(new DynamoDbCheckpointStore(dynamoDb, TABLE).load("job-1", "shardId-000000000000").orElseThrow()
        .position()).as("the checkpoint item is untouched").isEqualTo("4960000000000000000000000001");
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of("pk",
        AttributeValue.fromS("job-1|shardId-000000000000|ids|4960000000000000000000000001")))).item();
    assertThat(Long.parseLong(item.get("ttl").n())).isEqualTo((newest + 600_000) / 1000 + 1);
    assertThat(item.get("ids").b().asByteArray().length).as("about 10 bytes per id").isLessThan(101 * 11);
    assertThat(store.counters().writeUnits()).as("a batch of 100 new ids costs 2 write units").isEqualTo(2.0);
  }
}
