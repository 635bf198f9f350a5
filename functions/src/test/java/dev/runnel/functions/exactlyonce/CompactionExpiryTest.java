package dev.runnel.functions.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.StageStores;
import dev.runnel.functions.fixtures.ExpiringCountJob;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.functions.state.StageStates;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compaction judges keys no record touches again (docs/state-log.md, expiry): a key whose every value has expired at
 * the compacting batch's arrival time is left out of the snapshot, so an idle key's expired state does not stay in
 * the shard's state (and its memory and snapshots) forever.
 */
class CompactionExpiryTest {
  private static final Plan PLAN = Planner.plan(ExpiringCountJob.class);
  private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(START.plus(Duration.ofHours(3)), ZoneOffset.UTC);
  private static final String STAGE = ExpiringCountJob.KEYED_STAGE;
  private static final String SHARD = "shardId-000000000000";

  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final InMemoryStateLogStore stateLog = new InMemoryStateLogStore();
  private final FakeKinesis kinesis = new FakeKinesis();
  private final StageHandler handler = StageHandler.overStores(PLAN, STAGE, new StageResources(kinesis,
      new FakeDynamoDb(Map.of("expiring-dead-letters", List.of("source", "position"))), (sink, json) -> { }),
      new StageStores(checkpoints, new InMemoryStateStore(CLOCK), new InMemoryProgressStore(),
          new InMemoryTimerIndex(), stateLog), CLOCK);

  @Test
  void aKeyWhoseValuesAllExpiredIsLeftOutOfTheNextSnapshot() {
    assertThat(PLAN.stage(STAGE).orElseThrow().layout()).isEqualTo(StateLayout.LOG);
    int sequence = 0;
    handler.handleRequest(clicks(sequence, START, "idle", "busy"), null);
    sequence += 2;
    assertThat(committed().has("idle")).as("the first entry is compacted at once, idle still live").isTrue();
    long snapshotsBefore = snapshots();

    Instant later = START.plus(Duration.ofHours(2)); // the state's time to live is an hour
    while (snapshots() == snapshotsBefore && sequence < 200) {
      handler.handleRequest(clicks(sequence, later, "busy"), null);
      sequence++;
    }
    assertThat(snapshots()).as("a later compaction ran").isGreaterThan(snapshotsBefore);

    ShardState state = committed();
    assertThat(state.has("busy")).isTrue();
    assertThat(state.has("idle")).as("no record touched idle again; its only value expired").isFalse();
    assertThat(state.size()).isEqualTo(1);
  }

  /** The shard's committed state, read afresh from the checkpoint and the state log. */
  private ShardState committed() {
    Checkpoint checkpoint = checkpoints.load(STAGE, SHARD).orElseThrow();
    KeyStateCodec codec = new KeyStateCodec(StageStates.of(PLAN.stage(STAGE).orElseThrow(),
        JobClasses.ofCurrentThread()).bindings());
    return new ShardStateLog(STAGE, stateLog, codec).committed(SHARD, checkpoint);
  }

  /** How many compactions were committed so far: the checkpoint names a snapshot of a later revision each time. */
  private long snapshots() {
    Checkpoint checkpoint = checkpoints.load(STAGE, SHARD).orElseThrow();
    return checkpoint.stateLog().snapshot() == null ? 0 : checkpoint.stateLog().snapshot().revision();
  }

  private static KinesisEvent clicks(int first, Instant arrival, String... users) {
    KinesisEvents events = KinesisEvents.onShard(SHARD).arrivedAt(arrival);
    for (int i = 0; i < users.length; i++) {
      events.add(String.valueOf(49_000_000_000L + first + i), users[i],
          "{\"user\":\"" + users[i] + "\",\"page\":\"/p\"}");
    }
    return events.build();
  }
}
