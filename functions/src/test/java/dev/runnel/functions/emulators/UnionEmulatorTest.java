package dev.runnel.functions.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.checkpoint.CheckpointTable;
import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.emulators.KinesisLocal;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.UnionJob;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.statelog.StateLogTable;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A union of two source streams on kinesis-local and DynamoDB Local: the stages of both sources write one repartition
 * stream, each record with its own stage's identity, and the keyed stage reading it counts every human click of both
 * streams once, also when each of its input records arrives twice (an upstream copy at a new sequence number). The
 * bot clicks leave both source stages on the union's side output, each once.
 */
class UnionEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Plan PLAN = Planner.plan(UnionJob.class);
  private static final String REPARTITION = PLAN.stage(UnionJob.KEYED_STAGE).orElseThrow().input().stream();

  private static DynamoDbLocal dynamoDbLocal;
  private static KinesisLocal kinesisLocal;
  private static DynamoDbClient dynamoDb;
  private static KinesisClient kinesis;

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    kinesisLocal = new KinesisLocal().start();
    dynamoDb = dynamoDbLocal.client();
    kinesis = kinesisLocal.client();
    for (String stream : List.of(REPARTITION, "union-counts", "union-bots")) {
      kinesis.createStream(b -> b.streamName(stream).shardCount(1));
      kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
    }
    CheckpointTable.create(dynamoDb, PLAN.tables(TableRole.CHECKPOINT).get(0).name());
    StateLogTable.create(dynamoDb, PLAN.tables(TableRole.STATE_LOG).get(0).name());
  }

  @AfterAll
  static void stop() {
    kinesis.close();
    dynamoDb.close();
    kinesisLocal.close();
    dynamoDbLocal.close();
  }

  @Test
  void bothSourcesReachOneKeyedStageAndEachClickCountsOnceAndBotsLeaveOnTheSide() throws IOException {
    StageSpec app = PLAN.stages().get(0);
    StageSpec web = PLAN.stages().get(1);
    assertThat(app.input().stream()).isEqualTo("app-clicks");
    assertThat(web.input().stream()).isEqualTo("web-clicks");
    Map<String, Long> expected = new TreeMap<>();
    run(app, clicks("a", 23, expected));
    run(web, clicks("w", 31, expected));
    assertThat(read("union-bots")).extracting(r -> JSON.readTree(r.data().asUtf8String()).get("page").asText())
        .as("the bots of both streams, on the side output").containsExactlyInAnyOrder("/a3", "/a7", "/a11", "/a15",
            "/a19", "/w3", "/w7", "/w11", "/w15", "/w19", "/w23", "/w27");

    List<Record> keyed = read(REPARTITION);
    assertThat(keyed).as("every human click of both streams").hasSize(
        (int) expected.values().stream().mapToLong(Long::longValue).sum());
    assertThat(keyed).extracting(Record::partitionKey)
        .as("each keeps the identity its own stage gave it").doesNotHaveDuplicates()
        .anyMatch(key -> key.contains("|" + app.id() + "|")).anyMatch(key -> key.contains("|" + web.id() + "|"));
    KinesisEvents event = KinesisEvents.onShard("shardId-000000000000");
    BigInteger copyAt = BigInteger.TEN.pow(30);
    for (Record record : keyed) {
      event.add(record.sequenceNumber(), record.partitionKey(), record.data().asByteArray());
    }
    for (Record record : keyed) {
      copyAt = copyAt.add(BigInteger.ONE);
      event.add(copyAt.toString(), record.partitionKey(), record.data().asByteArray());
    }
    run(PLAN.stage(UnionJob.KEYED_STAGE).orElseThrow(), event);

    Map<String, Long> last = new TreeMap<>();
    List<Record> counts = read("union-counts");
    for (Record record : counts) {
      JsonNode count = JSON.readTree(record.data().asUtf8String());
      last.merge(count.get("user").asText(), count.get("n").asLong(), Math::max);
    }
    assertThat(last).as("each user's clicks over both streams, each once").isEqualTo(expected);
    assertThat(counts).as("one count per click: the copies were dropped").hasSize(keyed.size());
  }

  /** {@code n} clicks of five users on one shard, every fourth a bot's; adds the humans' to {@code expected}. */
  private static KinesisEvents clicks(String prefix, int n, Map<String, Long> expected) {
    KinesisEvents event = KinesisEvents.onShard("shardId-000000000000");
    for (int i = 0; i < n; i++) {
      String user = "u" + (i * 3 % 5);
      boolean bot = i % 4 == 3;
      if (!bot) {
        expected.merge(user, 1L, Long::sum);
      }
      event.add(String.valueOf(1_000 + i), prefix + i,
          "{\"user\":\"" + user + "\",\"page\":\"/" + prefix + i + "\",\"bot\":" + bot + "}");
    }
    return event;
  }

  private static void run(StageSpec stage, KinesisEvents event) {
    StageHandler handler = new StageHandler(PLAN, stage.id(), new StageResources(kinesis, dynamoDb, (s, json) -> { }));
    assertThat(handler.handleRequest(event.build(), null).getBatchItemFailures()).isEmpty();
  }

  private static List<Record> read(String stream) {
    List<Record> records = new ArrayList<>();
    for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
      String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (iterator != null) {
        String current = iterator;
        var page = kinesis.getRecords(b -> b.shardIterator(current));
        records.addAll(page.records());
        iterator = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    return records;
  }
}
