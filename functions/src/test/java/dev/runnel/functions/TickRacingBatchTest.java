package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.exactlyonce.ConcurrentAttemptException;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.ReminderJob;
import dev.runnel.functions.fixtures.SettableClock;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 7: a tick that commits a shard of a stage with processing-time timers while a batch of that shard
 * runs must not make the batch fail (it was retried, bisected and skipped its own records as already applied); a
 * batch of another invocation that committed the shard first still must. And "written" counts what was written, also
 * by an invocation that failed afterwards.
 */
class TickRacingBatchTest {
  private static final Plan PLAN = Planner.plan(ReminderJob.class, StateLayout.KEYS);
  static final String SHARD = "shardId-000000000000";
  private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

  final SettableClock clock = new SettableClock(START);
  final FakeKinesis kinesis = new FakeKinesis();
  final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("remind-dead-letters", List.of("source", "position")));
  final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final InMemoryStateStore state = new InMemoryStateStore(clock);
  final InMemoryProgressStore progress = new InMemoryProgressStore();
  private final InMemoryTimerIndex index = new InMemoryTimerIndex();

  final InMemoryStateLogStore stateLog = new InMemoryStateLogStore();

  /** Where the keyed stage keeps its state; {@link TickRacingBatchLogLayoutTest} runs every test in the log layout. */
  StateLayout layout() {
    return StateLayout.KEYS;
  }

  StageHandler handler(CommitObserver observer) {
    if (layout() == StateLayout.LOG) {
      return new StageHandler(Planner.plan(ReminderJob.class, StateLayout.LOG), ReminderJob.KEYED_STAGE,
          new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer), RetryPolicy.immediate(3), clock,
          checkpoints, null, progress, null, null, stateLog);
    }
    return new StageHandler(PLAN, ReminderJob.KEYED_STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer), RetryPolicy.immediate(3), clock,
        checkpoints, state, progress, index);
  }

  /** A batch of tasks of {@code user}, upstream sequence numbers from {@code first}, arrived now. */
  KinesisEvent tasks(String user, int first, int count, int sequence) {
    KinesisEvents events = KinesisEvents.onShard(SHARD).arrivedAt(clock.instant());
    for (int i = 0; i < count; i++) {
      String identity = new RecordIdentity("remind-1", SHARD, Integer.toString(first + i), 0, "-").toPartitionKey();
      events.add(Integer.toString(sequence + i), identity, "{\"user\":\"" + user + "\",\"title\":\"t" + i + "\"}");
    }
    return events.build();
  }

  /** A handler that runs {@code during} once, when its next batch has written its state and not yet committed. */
  StageHandler racedBy(Runnable during) {
    AtomicBoolean done = new AtomicBoolean();
    return handler((step, stage, shard) -> {
      if (step == CommitStep.STATE_WRITTEN && done.compareAndSet(false, true)) {
        during.run();
      }
    });
  }

  @Test
  void aBatchCommitsOverATickThatCommittedItsShardMeanwhile() {
    StageHandler ticks = handler(CommitObserver.NONE);
    handler(CommitObserver.NONE).handleRequest(tasks("ann", 10, 2, 100), null);
    clock.advance(Duration.ofSeconds(5));
    boolean[] tickCommitted = new boolean[1];
    StageHandler batches = racedBy(() -> tickCommitted[0] = ticks.tick(SHARD));

    batches.handleRequest(tasks("bob", 12, 3, 110), null);

    assertThat(tickCommitted[0]).as("the tick committed the shard during the batch").isTrue();
    assertThat(batches.metrics().skipped()).isZero();
    assertThat(checkpoints.load(ReminderJob.KEYED_STAGE, SHARD).orElseThrow().position()).isEqualTo("112");
    assertThat(handler(CommitObserver.NONE).handleRequest(tasks("bob", 12, 3, 110), null)).isNotNull();
    clock.advance(Duration.ofMinutes(2));
    ticks.tick(SHARD);
    assertThat(kinesis.accepted("reminders-out")).as("one reminder per user").hasSize(2);
  }

  @Test
  void aBatchCompletesTheRoundOfATickThatPinnedItAndCrashed() {
    StageHandler crashingTicks = handler((step, stage, shard) -> {
      if (step == CommitStep.ROUND_PINNED) {
        throw new IllegalStateException("tick crashed after pinning its round");
      }
    });
    handler(CommitObserver.NONE).handleRequest(tasks("ann", 10, 2, 100), null);
    clock.advance(Duration.ofSeconds(5));
    StageHandler batches = racedBy(() -> assertThatThrownBy(() -> crashingTicks.tick(SHARD))
        .hasMessageContaining("crashed"));

    batches.handleRequest(tasks("bob", 12, 3, 110), null);

    assertThat(batches.metrics().skipped()).isZero();
    assertThat(checkpoints.load(ReminderJob.KEYED_STAGE, SHARD).orElseThrow().time().hasPendingRound()).isFalse();
    assertThat(checkpoints.load(ReminderJob.KEYED_STAGE, SHARD).orElseThrow().position()).isEqualTo("112");
  }

  @Test
  void aBatchStillFailsWhenAnotherBatchCommittedItsShardFirst() {
    handler(CommitObserver.NONE).handleRequest(tasks("ann", 10, 2, 100), null);
    clock.advance(Duration.ofSeconds(5));
    KinesisEvent batch = tasks("bob", 12, 3, 110);
    StageHandler zombie = racedBy(() -> handler(CommitObserver.NONE).handleRequest(batch, null));

    assertThatThrownBy(() -> zombie.handleRequest(batch, null)).isInstanceOf(ConcurrentAttemptException.class);
  }

  @Test
  void writtenCountsWhatAnInvocationWroteBeforeItFailed() {
    handler(CommitObserver.NONE).handleRequest(tasks("ann", 10, 2, 100), null);
    clock.advance(Duration.ofMinutes(2));
    AtomicBoolean crashed = new AtomicBoolean();
    StageHandler ticks = handler((step, stage, shard) -> {
      if (step == CommitStep.ROUND_OUTPUTS_WRITTEN && crashed.compareAndSet(false, true)) {
        throw new IllegalStateException("crash after the round's outputs were written");
      }
    });

    assertThatThrownBy(() -> ticks.tick(SHARD)).hasMessageContaining("crash");
    ticks.tick(SHARD);

    assertThat(kinesis.accepted("reminders-out")).as("the reminder, written by both attempts").hasSize(2);
    assertThat(ticks.metrics().recordsOut("reminders-out")).isEqualTo(2);
  }
}
