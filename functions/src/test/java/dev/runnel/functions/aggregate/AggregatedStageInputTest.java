package dev.runnel.functions.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.StageStores;
import dev.runnel.functions.fixtures.CountJob;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A keyed stage reading an aggregated stream through the handler (the path of Lambda's event and of the local
 * runner): it counts every owned sub-record once, commits sub-record positions, skips a redelivered aggregate and the
 * sub-records its shard does not own.
 */
class AggregatedStageInputTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
  private static final String SHARD = "shardId-000000000001";
  private static final String SPLIT_AT = "170141183460469231731687303715884105728";

  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final StageStores stores = new StageStores(checkpoints, new InMemoryStateStore(CLOCK),
      new InMemoryProgressStore(), new InMemoryTimerIndex(), new InMemoryStateLogStore());
  private final FakeKinesis out = new FakeKinesis();
  /** The input's shard 1 owns the lower half of the hash keys (the lower child of a split). */
  private final KinesisClient kinesis = new KinesisClient() {
    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
      return out.putRecords(request);
    }

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {}

    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
      return ListShardsResponse.builder().shards(
          Shard.builder().shardId(SHARD).hashKeyRange(r -> r.startingHashKey("0")
              .endingHashKey(new java.math.BigInteger(SPLIT_AT).subtract(java.math.BigInteger.ONE).toString()))
              .sequenceNumberRange(r -> r.startingSequenceNumber("1")).build(),
          Shard.builder().shardId("shardId-000000000002").hashKeyRange(r -> r.startingHashKey(SPLIT_AT)
              .endingHashKey("340282366920938463463374607431768211455"))
              .sequenceNumberRange(r -> r.startingSequenceNumber("1")).build()).build();
    }
  };
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("counts-dead-letters", List.of("source", "position")));
  private final StageResources resources = new StageResources(kinesis, dynamoDb, (sink, json) -> { });

  private static Plan aggregatedPlan() {
    Plan plan = Planner.plan(CountJob.class, StateLayout.LOG);
    String input = plan.stage(CountJob.KEYED_STAGE).map(StageSpec::input).orElseThrow().stream();
    return new Plan(plan.format(), plan.job(), plan.jobClass(),
        plan.streams().stream().map(s -> s.name().equals(input) ? s.aggregated(true) : s).toList(), plan.tables(),
        plan.stages(), plan.models(), plan.maxRecordAttempts());
  }

  private static SubRecord click(String user, String hashKey) {
    return new SubRecord(user, hashKey,
        ("{\"user\":\"" + user + "\",\"page\":\"/p\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static KinesisEvent aggregates(String firstSequence, List<List<SubRecord>> records) {
    KinesisEvents events = KinesisEvents.onShard(SHARD);
    long sequence = Long.parseLong(firstSequence);
    for (List<SubRecord> aggregate : records) {
      events.add(Long.toString(sequence++), AggregateRecord.PARTITION_KEY, AggregateRecord.encode(aggregate));
    }
    return events.build();
  }

  @Test
  void countsEveryOwnedSubRecordOnceAndCommitsSubRecordPositions() {
    String owned = "5";
    String stray = SPLIT_AT; // the upper child's: a copy its producer sent again to its owner
    List<List<SubRecord>> batch = new ArrayList<>();
    batch.add(List.of(click("u0", owned), click("u1", owned), click("u9", stray), click("u0", owned)));
    batch.add(List.of(click("u1", owned), click("u9", stray)));
    KinesisEvent event = aggregates("49000", batch);

    StageHandler handler = StageHandler.overStores(aggregatedPlan(), CountJob.KEYED_STAGE, resources, stores, CLOCK);
    handler.handleRequest(event, null);

    assertThat(checkpoints.load(CountJob.KEYED_STAGE, SHARD)).get()
        .satisfies(checkpoint -> assertThat(checkpoint.position()).isEqualTo("490010000"));
    List<String> counts = out.accepted("counts-out").stream().map(e -> e.data().asUtf8String()).toList();
    assertThat(counts).hasSize(4).noneMatch(c -> c.contains("u9"));
    assertThat(counts.get(3)).contains("\"user\":\"u1\"", "\"n\":2");
    assertThat(handler.strayCopies()).isEqualTo(2);

    handler.handleRequest(event, null); // redelivered whole: nothing applied twice
    handler.handleRequest(aggregates("49002", List.of(List.of(click("u0", owned)))), null);
    List<String> after = out.accepted("counts-out").stream().map(e -> e.data().asUtf8String()).toList();
    assertThat(after).hasSize(5);
    assertThat(after.get(4)).contains("\"user\":\"u0\"", "\"n\":3");
  }

  @Test
  void aSubRecordThatFailsIsDeadLetteredAtItsPositionAndTheBatchCommits() {
    SubRecord boom = new SubRecord("u0", "5", "{\"user\":\"u0\",\"page\":\"boom\"}"
        .getBytes(StandardCharsets.UTF_8));
    KinesisEvent event = aggregates("49000", List.of(List.of(click("u0", "5"), boom, click("u0", "5"))));

    StageHandler handler = StageHandler.overStores(aggregatedPlan(), CountJob.KEYED_STAGE, resources, stores, CLOCK);
    handler.handleRequest(event, null);

    List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> letters =
        dynamoDb.items("counts-dead-letters");
    assertThat(letters).singleElement().satisfies(letter -> {
      assertThat(letter.get("position").s()).contains("490000001");
      assertThat(letter.toString()).contains("sequence number 49000 sub-record 1", "page boom");
    });
    assertThat(checkpoints.load(CountJob.KEYED_STAGE, SHARD)).get()
        .satisfies(checkpoint -> assertThat(checkpoint.position()).isEqualTo("490000002"));
    assertThat(out.accepted("counts-out")).hasSize(2);
  }
}
