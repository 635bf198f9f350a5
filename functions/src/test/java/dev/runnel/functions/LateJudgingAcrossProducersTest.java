package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.SettableClock;
import dev.runnel.functions.fixtures.WindowJob;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.functions.time.WatermarkMarker;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A record from an upstream shard that has announced nothing yet (its identity carries no watermark: the producer had
 * none when it sent it) must not be judged late against what the other upstream shards announced: the producer's
 * watermark is unknown, so nothing it sends can be behind it. Found by the fault-injection module (OrderRouting,
 * KINESIS_PARTIAL_FAILURE delays one shard's first watermark): such records went to the dead letters as late, and
 * every later copy of them too.
 */
class LateJudgingAcrossProducersTest {
  private static final Plan PLAN = Planner.plan(WindowJob.class, StateLayout.KEYS);
  private static final String SHARD = "shardId-000000000000";
  private static final String A = "shardId-000000000000";
  private static final String B = "shardId-000000000001";
  private static final long T0 = 1_790_000_000_000L;

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-21T00:00:00Z"));
  private final InMemoryProgressStore progress = new InMemoryProgressStore();
  private final FakeKinesis kinesis = new FakeKinesis();
  private final StageHandler handler = new StageHandler(PLAN, WindowJob.KEYED_STAGE,
      new StageResources(kinesis, new FakeDynamoDb(Map.of("win-dead-letters", List.of("source", "position"))),
          (sink, json) -> { }, CommitObserver.NONE), RetryPolicy.immediate(3), clock,
      new InMemoryCheckpointStore(), new InMemoryStateStore(clock), progress, new InMemoryTimerIndex());

  @Test
  void aRecordFromAShardThatAnnouncedNothingYetIsNotLate() {
    progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, A, T0 + 60_000, clock.millis()));
    progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, B, Long.MIN_VALUE, clock.millis()));
    String fromA = new RecordIdentity(WindowJob.SOURCE_STAGE, A, "1", 0, "-", T0 + 62_000).toPartitionKey();
    String fromB = new RecordIdentity(WindowJob.SOURCE_STAGE, B, "1", 0, "-", T0 + 1_000).toPartitionKey();
    KinesisEvents events = KinesisEvents.onShard(SHARD)
        .add("100", fromA, "{\"user\":\"a\",\"at\":" + (T0 + 62_000) + "}")
        .add("101", new WatermarkMarker(WindowJob.SOURCE_STAGE, A, T0 + 60_000).toPartitionKey(), "{}")
        .add("102", fromB, "{\"user\":\"b\",\"at\":" + (T0 + 1_000) + "}");
    handler.handleRequest(events.build(), null);

    assertThat(kinesis.accepted("late-out")).as("B's record, sent before B had any watermark").isEmpty();
    assertThat(kinesis.accepted("late-sessions-out")).isEmpty();
    assertThat(handler.metrics().recordsIn()).as("the marker only moves time").isEqualTo(2);
    assertThat(handler.metrics().deadLettered()).isZero();
  }
}
