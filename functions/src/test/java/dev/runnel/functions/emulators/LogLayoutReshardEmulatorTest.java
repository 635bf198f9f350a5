package dev.runnel.functions.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.checkpoint.CheckpointTable;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.emulators.KinesisLocal;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.fixtures.CountJob;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.TableRole;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.statelog.StateLogTable;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A keyed stage in the state log layout whose input stream is split and then merged on kinesis-local, its state in
 * DynamoDB Local, through the handler's own wiring (ListShards gives the lineage): every child shard adopts exactly
 * the keys of its hash range from its drained parents, so the counts are those of a run without the reshards.
 */
class LogLayoutReshardEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Plan PLAN = Planner.plan(CountJob.class, StateLayout.LOG);
  private static final String INPUT = PLAN.stage(CountJob.KEYED_STAGE).orElseThrow().input().stream();
  private static final String OUTPUT = "counts-out";
  private static final int USERS = 12;

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
    kinesis.createStream(b -> b.streamName(INPUT).shardCount(1));
    kinesis.createStream(b -> b.streamName(OUTPUT).shardCount(1));
    awaitActive(INPUT);
    awaitActive(OUTPUT);
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
  void childrenOfASplitAndOfAMergeAdoptExactlyTheKeysOfTheirRange() throws IOException {
    Shard root = shards().get(0);
    putOnePerUser("/a");
    putOnePerUser("/b");
    drain(root); // as Lambda does, the parent is drained before its children are read

    kinesis.splitShard(b -> b.streamName(INPUT).shardToSplit(root.shardId()).newStartingHashKey(
        BigInteger.ONE.shiftLeft(127).toString()));
    awaitActive(INPUT);
    List<Shard> children = open();
    assertThat(children).hasSize(2);
    putOnePerUser("/c");
    putOnePerUser("/d");
    for (Shard child : children) {
      assertThat(records(child)).as("the split spreads the users over both children").isNotEmpty();
      drain(child);
    }

    kinesis.mergeShards(b -> b.streamName(INPUT).shardToMerge(children.get(0).shardId())
        .adjacentShardToMerge(children.get(1).shardId()));
    awaitActive(INPUT);
    List<Shard> merged = open();
    assertThat(merged).hasSize(1);
    putOnePerUser("/e");
    drain(merged.get(0));

    Map<String, Long> expected = new TreeMap<>();
    for (int u = 0; u < USERS; u++) {
      expected.put("u" + u, 5L);
    }
    assertThat(lastCounts()).as("the counts of a run without the reshards").isEqualTo(expected);
  }

  /** Handles every record of {@code shard} in one batch of a new handler (a cold instance, as after a reshard). */
  private static void drain(Shard shard) {
    KinesisEvents event = KinesisEvents.onShard(shard.shardId());
    for (Record record : records(shard)) {
      event.add(record.sequenceNumber(), record.partitionKey(), record.data().asByteArray());
    }
    StageHandler handler = new StageHandler(PLAN, CountJob.KEYED_STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> { }));
    assertThat(handler.handleRequest(event.build(), null).getBatchItemFailures()).isEmpty();
  }

  /** One click per user, routed as Runnel routes a keyed stage's input: by the explicit hash key of the key. */
  private static void putOnePerUser(String page) {
    for (int u = 0; u < USERS; u++) {
      String user = "u" + u;
      byte[] data = ("{\"user\":\"" + user + "\",\"page\":\"" + page + "\"}").getBytes(StandardCharsets.UTF_8);
      kinesis.putRecord(b -> b.streamName(INPUT).partitionKey(user)
          .explicitHashKey(RecordIdentity.explicitHashKey(user)).data(SdkBytes.fromByteArray(data)));
    }
  }

  /** The last count written per user. */
  private static Map<String, Long> lastCounts() throws IOException {
    Map<String, Long> last = new TreeMap<>();
    for (Shard shard : kinesis.listShards(b -> b.streamName(OUTPUT)).shards()) {
      for (Record record : read(OUTPUT, shard)) {
        JsonNode count = JSON.readTree(record.data().asUtf8String());
        last.merge(count.get("user").asText(), count.get("n").asLong(), Math::max);
      }
    }
    return last;
  }

  private static List<Shard> shards() {
    return kinesis.listShards(b -> b.streamName(INPUT)).shards();
  }

  private static List<Shard> open() {
    return shards().stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
        .sorted(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey()))).toList();
  }

  private static List<Record> records(Shard shard) {
    return read(INPUT, shard);
  }

  private static List<Record> read(String stream, Shard shard) {
    String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<Record> records = new ArrayList<>();
    while (iterator != null) {
      String current = iterator;
      var page = kinesis.getRecords(b -> b.shardIterator(current));
      records.addAll(page.records());
      iterator = page.records().isEmpty() ? null : page.nextShardIterator();
    }
    return records;
  }

  /** Waits until {@code stream} is ACTIVE again, with the SDK's waiter polling every 50 ms. */
  private static void awaitActive(String stream) {
    kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream), o -> o.maxAttempts(600)
        .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(50))));
  }
}
