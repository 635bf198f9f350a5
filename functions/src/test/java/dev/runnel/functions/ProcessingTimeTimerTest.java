package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.SettableClock;
import dev.runnel.functions.fixtures.ReminderJob;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A processing-time timer fires on the first tick at or after its time, once, with no further input. */
class ProcessingTimeTimerTest {
  private static final Plan PLAN = Planner.plan(ReminderJob.class, StateLayout.KEYS);
  private static final String SHARD = "shardId-000000000000";
  private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

  private final SettableClock clock = new SettableClock(START);
  private final FakeKinesis kinesis = new FakeKinesis();
  private final StageHandler handler = new StageHandler(PLAN, ReminderJob.KEYED_STAGE,
      new StageResources(kinesis, new FakeDynamoDb(Map.of("remind-dead-letters", List.of("source", "position"))),
          (sink, json) -> { }), RetryPolicy.immediate(3), clock, new InMemoryCheckpointStore(),
      new InMemoryStateStore(clock), new InMemoryProgressStore(), new InMemoryTimerIndex());

  private List<String> reminders() {
    return kinesis.accepted("reminders-out").stream().map(e -> e.data().asString(StandardCharsets.UTF_8)).toList();
  }

  @Test
  void firesOnATickOnceItsTimeHasPassed() {
    KinesisEvents events = KinesisEvents.onShard(SHARD).arrivedAt(START);
    for (int i = 0; i < 3; i++) {
      String identity = new RecordIdentity("remind-1", SHARD, Integer.toString(10 + i), 0, "-").toPartitionKey();
      events.add(Integer.toString(100 + i), identity, "{\"user\":\"ann\",\"title\":\"t" + i + "\"}");
    }
    handler.handleRequest(events.build(), null);

    clock.set(START.plusSeconds(59));
    handler.tick(SHARD);
    assertThat(reminders()).as("not due before arrival + 60 s").isEmpty();

    clock.set(START.plusSeconds(61));
    handler.tick(SHARD);
    handler.tick(SHARD);
    clock.set(START.plusSeconds(200));
    handler.tick(SHARD);
    assertThat(reminders()).containsExactly("{\"user\":\"ann\",\"at\":" + (START.toEpochMilli() + 60_000) + ",\"tasks\":3}");
  }
}
