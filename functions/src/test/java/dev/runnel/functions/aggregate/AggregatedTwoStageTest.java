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
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Both stages of a keyed count over an aggregated repartition stream, through their handlers: the first stage's
 * batch is sent twice (a retry that had not committed), and a later batch after a split the first stage's cached
 * shard listing does not know (the clock never moves, so the cache never expires). The keyed stage, reading every
 * shard parents first, must count every click exactly once.
 */
class AggregatedTwoStageTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
  private static final int USERS = 7;

  private static StageStores stores() {
    return new StageStores(new InMemoryCheckpointStore(), new InMemoryStateStore(CLOCK), new InMemoryProgressStore(),
        new InMemoryTimerIndex(), new InMemoryStateLogStore());
  }

  private static KinesisEvent clicks(int first, int count) {
    KinesisEvents events = KinesisEvents.onShard("shardId-000000000000");
    for (int i = first; i < first + count; i++) {
      String user = "u" + (i % USERS);
      events.add(String.valueOf(49_000_000_000L + i), user, "{\"user\":\"" + user + "\",\"page\":\"/p" + i + "\"}");
    }
    return events.build();
  }

  @Test
  void everyClickIsCountedOnceAcrossARetriedBatchAndASplitBehindTheProducersMap() {
    Plan planned = Planner.plan(CountJob.class, StateLayout.LOG);
    String route = planned.stage(CountJob.KEYED_STAGE).map(StageSpec::input).orElseThrow().stream();
    Plan plan = new Plan(planned.format(), planned.job(), planned.jobClass(),
        planned.streams().stream().map(s -> s.name().equals(route) ? s.aggregated(true) : s).toList(),
        planned.tables(), planned.stages(), planned.models(), planned.maxRecordAttempts());
    String firstStage = plan.stages().get(0).id();
    ReshardingKinesis kinesis = new ReshardingKinesis(route, 2);
    StageResources resources = new StageResources(kinesis,
        new FakeDynamoDb(Map.of("counts-dead-letters", List.of("source", "position"))), (sink, json) -> { });

    StageHandler.overStores(plan, firstStage, resources, stores(), CLOCK).handleRequest(clicks(0, 40), null);
    StageHandler producer = StageHandler.overStores(plan, firstStage, resources, stores(), CLOCK);
    producer.handleRequest(clicks(0, 40), null); // the same batch again, as a retry that never committed sends it
    kinesis.split("shardId-000000000000");
    kinesis.split("shardId-000000000001");
    producer.handleRequest(clicks(40, 30), null);

    StageHandler keyed = StageHandler.overStores(plan, CountJob.KEYED_STAGE, resources, stores(), CLOCK);
    for (ReshardingKinesis.StoredShard shard : kinesis.shards().values()) { // parents before children
      KinesisEvents events = KinesisEvents.onShard(shard.id());
      for (int i = 0; i < shard.records().size(); i++) {
        PutRecordsRequestEntry entry = shard.records().get(i);
        events.add(shard.sequences().get(i), entry.partitionKey(), entry.data().asByteArray());
      }
      if (!shard.records().isEmpty()) {
        keyed.handleRequest(events.build(), null);
      }
    }

    List<String> counts = kinesis.other("counts-out").stream().map(e -> e.data().asUtf8String()).toList();
    assertThat(counts).as("one count per click").hasSize(70);
    Map<String, Long> last = new HashMap<>();
    for (String count : counts) {
      String user = count.substring(count.indexOf("\"user\":\"") + 8, count.indexOf("\",\"n\""));
      long n = Long.parseLong(count.substring(count.indexOf("\"n\":") + 4, count.length() - 1));
      assertThat(n).as("%s counts on by one", user).isEqualTo(last.getOrDefault(user, 0L) + 1);
      last.put(user, n);
    }
    assertThat(last).hasSize(USERS).allSatisfy((user, n) -> assertThat(n).isEqualTo(10L));
    assertThat(keyed.strayCopies()).as("strays of the split were skipped").isPositive();
    assertThat(kinesis.shards().values().stream().mapToInt(s -> s.records().size()).sum())
        .as("aggregates, not one record per click").isLessThan(20);
  }
}
