package dev.runnel.functions.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.CheckpointTable;
import dev.runnel.checkpointing.checkpoint.DynamoDbCheckpointStore;
import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.exactlyonce.ShardStateReader;
import dev.runnel.functions.exactlyonce.ShardStateReader.CommittedShard;
import dev.runnel.functions.fixtures.CountJob;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.TableRole;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.statelog.StateLogTable;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link ShardStateReader} on DynamoDB Local: the committed state a stage in the log layout wrote (snapshot and log
 * entries through compactions) read back, decoded, as a cold instance would read it.
 */
class ShardStateReaderEmulatorTest {
  private static final Plan LOG_PLAN = Planner.plan(CountJob.class, StateLayout.LOG);
  private static final String SHARD = "shardId-000000000000";

  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void startDynamoDb() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = dynamoDbLocal.client();
    CheckpointTable.create(dynamoDb, checkpointTable());
    StateLogTable.create(dynamoDb, stateLogTable());
  }

  @AfterAll
  static void stopDynamoDb() {
    if (dynamoDb != null) {
      dynamoDb.close();
    }
    if (dynamoDbLocal != null) {
      dynamoDbLocal.close();
    }
  }

  private static String checkpointTable() {
    return LOG_PLAN.tables(TableRole.CHECKPOINT).get(0).name();
  }

  private static String stateLogTable() {
    return LOG_PLAN.tables(TableRole.STATE_LOG).get(0).name();
  }

  @Test
  void readsEachKeysCommittedStateAtTheCheckpointsRevisionThroughCompactions() {
    DynamoDbCheckpointStore checkpoints = new DynamoDbCheckpointStore(dynamoDb, checkpointTable());
    StageHandler handler = new StageHandler(LOG_PLAN, CountJob.KEYED_STAGE, // its stores on DynamoDB Local, as on Lambda
        new StageResources(new FakeKinesis(), dynamoDb, (sink, json) -> { }));
    ShardStateReader reader = ShardStateReader.of(LOG_PLAN, CountJob.KEYED_STAGE, dynamoDb,
        JobClasses.ofCurrentThread());
    int records = 0;
    for (int batch = 0; batch < 6; batch++) { // the first entry is compacted at once, later ones pile up
      handler.handleRequest(clicks(records, 7 + batch, 5 + batch), null);
      records += 7 + batch;

      CommittedShard read = reader.read(SHARD);

      long revision = checkpoints.load(CountJob.KEYED_STAGE, SHARD).orElseThrow().revision();
      assertThat(read.revision()).as("the checkpoint's revision").isEqualTo(revision);
      assertThat(counts(read)).as("after batch " + batch).isEqualTo(expectedCounts(records));
      assertThat(read.stage()).isEqualTo(CountJob.KEYED_STAGE);
      assertThat(read.shard()).isEqualTo(SHARD);
    }
    var refs = checkpoints.load(CountJob.KEYED_STAGE, SHARD).orElseThrow().stateLog();
    assertThat(refs.snapshot()).as("read through a snapshot").isNotNull();
    assertThat(refs.log()).as("and log entries after it").isNotEmpty();
  }

  @Test
  void aShardWithoutACheckpointHasNoStateAtRevisionZero() {
    CommittedShard read = ShardStateReader.of(LOG_PLAN, CountJob.KEYED_STAGE, dynamoDb,
        JobClasses.ofCurrentThread()).read("shardId-000000000077");

    assertThat(read.revision()).isZero();
    assertThat(read.keys()).isEmpty();
    assertThat(read.timers()).isEmpty();
  }

  @Test
  void aStageInThePerKeyLayoutIsRefusedWithWhatToReadInstead() {
    assertThatThrownBy(() -> ShardStateReader.of(Planner.plan(CountJob.class), CountJob.KEYED_STAGE, dynamoDb,
        JobClasses.ofCurrentThread())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stage " + CountJob.KEYED_STAGE).hasMessageContaining("state table");
  }

  private static Map<String, Long> counts(CommittedShard shard) {
    Map<String, Long> counts = new TreeMap<>();
    shard.keys().forEach((key, state) -> counts.put(key, (Long) state.entries().values().iterator().next().value()));
    return counts;
  }

  private static Map<String, Long> expectedCounts(int records) {
    Map<String, Long> counts = new TreeMap<>();
    int first = 0;
    for (int batch = 0; first < records; batch++) {
      for (int i = first; i < first + 7 + batch; i++) {
        counts.merge("u" + (i % (5 + batch)), 1L, Long::sum);
      }
      first += 7 + batch;
    }
    return counts;
  }

  /** Clicks at sequence numbers from {@code first}: users u0..u(users-1) round robin. */
  private static KinesisEvent clicks(int first, int count, int users) {
    KinesisEvents events = KinesisEvents.onShard(SHARD);
    for (int i = first; i < first + count; i++) {
      String user = "u" + (i % users);
      events.add(String.valueOf(49_000_000_000L + i), user, "{\"user\":\"" + user + "\",\"page\":\"/p" + i + "\"}");
    }
    return events.build();
  }
}
