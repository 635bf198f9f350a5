package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.functions.fixtures.CountJob;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import dev.runnel.plan.StateLayout;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The public way to run a stage over given stores ({@link StageHandler#overStores}): keyed state and checkpoints go
 * to those stores, so a second handler over the same stores skips a redelivered batch and counts on from the state.
 */
class StageHandlerOverStoresTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
  private static final String SHARD = "shardId-000000000000";

  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final InMemoryStateStore states = new InMemoryStateStore(CLOCK);
  private final InMemoryStateLogStore stateLog = new InMemoryStateLogStore();
  private final StageStores stores =
      new StageStores(checkpoints, states, new InMemoryProgressStore(), new InMemoryTimerIndex(), stateLog);
  private final FakeKinesis kinesis = new FakeKinesis();
  private final StageResources resources = new StageResources(kinesis,
      new FakeDynamoDb(Map.of("counts-dead-letters", List.of("source", "position"))), (sink, json) -> { });

  private static KinesisEvent clicks(int first, int count) {
    KinesisEvents events = KinesisEvents.onShard(SHARD);
    for (int i = first; i < first + count; i++) {
      events.add(String.valueOf(49_000_000_000L + i), "u" + (i % 2), "{\"user\":\"u" + (i % 2) + "\",\"page\":\"/p\"}");
    }
    return events.build();
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void stateAndCheckpointsLiveInTheGivenStores(StateLayout layout) {
    Plan plan = Planner.plan(CountJob.class, layout);
    StageHandler.overStores(plan, CountJob.KEYED_STAGE, resources, stores, CLOCK).handleRequest(clicks(0, 6), null);
    if (layout == StateLayout.KEYS) {
      assertThat(states.counters().putItemRequests()).as("both users' counts written to the given store").isEqualTo(2);
    } else {
      assertThat(stateLog.counters().itemsWritten()).as("the batch's entry written to the given state log")
          .isPositive();
      assertThat(states.counters().putItemRequests()).isZero();
    }
    assertThat(checkpoints.load(CountJob.KEYED_STAGE, SHARD)).get()
        .satisfies(checkpoint -> assertThat(checkpoint.position()).isEqualTo("49000000005"));

    StageHandler next = StageHandler.overStores(plan, CountJob.KEYED_STAGE, resources, stores, CLOCK);
    next.handleRequest(clicks(0, 6), null);
    next.handleRequest(clicks(6, 2), null);
    assertThat(kinesis.accepted("counts-out")).hasSize(8);
    assertThat(kinesis.accepted("counts-out").get(7).data().asUtf8String()).contains("\"user\":\"u1\"", "\"n\":4");
  }
}
