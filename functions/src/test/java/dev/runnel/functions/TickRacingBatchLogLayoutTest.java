package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.exactlyonce.ConcurrentAttemptException;
import dev.runnel.functions.fixtures.ReminderJob;
import dev.runnel.plan.StateLayout;
import dev.runnel.functions.exactlyonce.ShardLineage;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.planner.Planner;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every tick-racing test with the keyed stage's state in a shard state log (docs/state-log.md), and the log's own
 * rule: a batch commits over ticks whose entries changed none of its keys, and fails when they changed one.
 */
class TickRacingBatchLogLayoutTest extends TickRacingBatchTest {
  @Override
  StateLayout layout() {
    return StateLayout.LOG;
  }

  @Test
  void aBatchCommitsOverATickThatFiredAnotherKeyMeanwhile() {
    handler(CommitObserver.NONE).handleRequest(tasks("ann", 10, 2, 100), null);
    clock.advance(Duration.ofMinutes(2)); // ann's reminder is due
    StageHandler ticks = handler(CommitObserver.NONE);
    boolean[] tickCommitted = new boolean[1];
    StageHandler batches = racedBy(() -> tickCommitted[0] = ticks.tick(SHARD));

    batches.handleRequest(tasks("bob", 12, 3, 110), null);

    assertThat(tickCommitted[0]).isTrue();
    assertThat(kinesis.accepted("reminders-out")).as("the tick fired ann's reminder during the batch").hasSize(1);
    assertThat(checkpoints.load(ReminderJob.KEYED_STAGE, SHARD).orElseThrow().position()).isEqualTo("112");
    clock.advance(Duration.ofMinutes(2));
    handler(CommitObserver.NONE).tick(SHARD); // a new instance reads the log: bob's reminder, ann's not again
    assertThat(kinesis.accepted("reminders-out")).hasSize(2);
  }

  @Test
  void aBatchFailsWhenATickFiredOneOfItsKeysMeanwhileAndItsRetryCountsOnce() {
    handler(CommitObserver.NONE).handleRequest(tasks("ann", 10, 2, 100), null);
    clock.advance(Duration.ofMinutes(2));
    StageHandler ticks = handler(CommitObserver.NONE);
    StageHandler batches = racedBy(() -> ticks.tick(SHARD));
    var batch = tasks("ann", 12, 1, 110);

    assertThatThrownBy(() -> batches.handleRequest(batch, null)).isInstanceOf(ConcurrentAttemptException.class);
    handler(CommitObserver.NONE).handleRequest(batch, null);
    clock.advance(Duration.ofMinutes(2));
    handler(CommitObserver.NONE).tick(SHARD);

    assertThat(checkpoints.load(ReminderJob.KEYED_STAGE, SHARD).orElseThrow().position()).isEqualTo("110");
    assertThat(kinesis.accepted("reminders-out")).as("ann's first reminder, then the one of her third task")
        .hasSize(2);
  }

  @Test
  void aChildShardAdoptsAtItsFirstBatchAndThenFiresItsParentsTimersOnce() {
    handler(CommitObserver.NONE).handleRequest(tasks("ann", 10, 2, 100), null); // the parent, then drained
    String child = "shardId-000000000003";
    ShardLineage lineage = ShardLineage.of(Map.of(child, new ShardLineage.Lineage(Set.of(SHARD), BigInteger.ZERO,
        BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE))));
    StageHandler children = new StageHandler(Planner.plan(ReminderJob.class, StateLayout.LOG),
        ReminderJob.KEYED_STAGE, new StageResources(kinesis, dynamoDb, (sink, json) -> { }, CommitObserver.NONE),
        RetryPolicy.immediate(3), clock, checkpoints, null, progress, null, null, stateLog, lineage);
    clock.advance(Duration.ofMinutes(2));

    children.tick(child);
    assertThat(kinesis.accepted("reminders-out")).as("a tick cannot tell the parent is drained: no adoption yet")
        .isEmpty();
    children.handleRequest(onChild(child, "bob", 20, 300), null);
    children.tick(child);
    handler(CommitObserver.NONE).tick(SHARD);

    assertThat(kinesis.accepted("reminders-out")).as("ann's reminder, by the child alone; bob's is not due")
        .singleElement()
        .satisfies(r -> assertThat(r.data().asUtf8String()).contains("\"user\":\"ann\"", "\"tasks\":2"));
    assertThat(checkpoints.load(ReminderJob.KEYED_STAGE, SHARD).orElseThrow().handedOver()).isTrue();
  }

  @Test
  void untilAChildAdoptsItsParentFiresItsOwnTimers() {
    handler(CommitObserver.NONE).handleRequest(tasks("ann", 10, 2, 100), null);
    clock.advance(Duration.ofMinutes(2));

    handler(CommitObserver.NONE).tick(SHARD);

    assertThat(kinesis.accepted("reminders-out")).singleElement()
        .satisfies(r -> assertThat(r.data().asUtf8String()).contains("\"user\":\"ann\""));
  }

  private KinesisEvent onChild(String child, String user, int first, int sequence) {
    KinesisEvents events = KinesisEvents.onShard(child).arrivedAt(clock.instant());
    String identity = new RecordIdentity("remind-1", SHARD, Integer.toString(first), 0, "-").toPartitionKey();
    events.add(Integer.toString(sequence), identity, "{\"user\":\"" + user + "\",\"title\":\"t\"}");
    return events.build();
  }
}
