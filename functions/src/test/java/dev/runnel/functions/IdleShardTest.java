package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.SettableClock;
import dev.runnel.functions.fixtures.WindowJob;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two source shards, one of which stops: the keyed stage's windows still fire once the quiet shard has been idle for
 * its {@code idleAfter} (30 s), at the first tick after that, and not before; when the shard sends again it holds the
 * watermark back again. Both stages run for real on in-memory stores, the watermark travelling through the progress
 * table.
 */
class IdleShardTest {
  private static final Plan PLAN = Planner.plan(WindowJob.class, StateLayout.KEYS);
  private static final String A = "shardId-000000000000";
  private static final String B = "shardId-000000000001";
  private static final String KEYED_SHARD = "shardId-000000000000";
  private static final long T0 = 1_790_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-21T10:00:00Z"));
  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final InMemoryStateStore states = new InMemoryStateStore(clock);
  private final InMemoryProgressStore progress = new InMemoryProgressStore();
  private final InMemoryTimerIndex index = new InMemoryTimerIndex();
  private final FakeKinesis kinesis = new FakeKinesis();
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("win-dead-letters", List.of("source", "position")));
  private final StageHandler source = handler(WindowJob.SOURCE_STAGE);
  private final StageHandler keyed = handler(WindowJob.KEYED_STAGE);
  private int sequence = 100;
  private int forwarded;

  private StageHandler handler(String stage) {
    return new StageHandler(PLAN, stage, new StageResources(kinesis, dynamoDb, (sink, json) -> { }),
        RetryPolicy.immediate(3), clock, checkpoints, states, progress, index);
  }

  /** Source shard {@code shard} receives hits of user x at these offsets (seconds from T0), arriving now. */
  private void hits(String shard, int... seconds) {
    KinesisEvents events = KinesisEvents.onShard(shard);
    for (int second : seconds) {
      events.add(Integer.toString(sequence++), "x", "{\"user\":\"x\",\"at\":" + (T0 + second * 1000L) + "}");
    }
    source.handleRequest(events.build(), null);
    // the keyed stage reads what the source stage repartitioned, in order, on its one shard
    var repartitioned = kinesis.accepted("win-keyed");
    KinesisEvents keyedEvents = KinesisEvents.onShard(KEYED_SHARD);
    for (var entry : repartitioned.subList(forwarded, repartitioned.size())) {
      keyedEvents.add(Integer.toString(sequence++), entry.partitionKey(), entry.data().asByteArray());
    }
    forwarded = repartitioned.size();
    keyed.handleRequest(keyedEvents.build(), null);
  }

  private List<Long> firedWindowStarts() throws Exception {
    List<Long> starts = new ArrayList<>();
    for (var entry : kinesis.accepted("counts-out")) {
      JsonNode count = JSON.readTree(entry.data().asString(StandardCharsets.UTF_8));
      if (!starts.contains(count.get("start").asLong())) {
        starts.add(count.get("start").asLong());
      }
    }
    return starts;
  }

  @Test
  void aQuietShardStopsHoldingWindowsBackAfterItsIdleTimeoutAndHoldsThemAgainWhenItReturns() throws Exception {
    hits(A, 1, 2);
    hits(B, 3);
    hits(A, 40, 50, 60); // A's watermark: 55 s, then 56 s; B's: -2 s
    keyed.tick(KEYED_SHARD);
    assertThat(firedWindowStarts()).as("B holds every window back").isEmpty();

    clock.advance(Duration.ofSeconds(29));
    hits(A, 61);
    keyed.tick(KEYED_SHARD);
    assertThat(firedWindowStarts()).as("B is quiet for 29 s, not yet idle").isEmpty();

    clock.advance(Duration.ofSeconds(2)); // B quiet for 31 s > idleAfter 30 s
    keyed.tick(KEYED_SHARD);
    assertThat(firedWindowStarts()).as("the first tick after B became idle fires the windows A's watermark (56 s) passed")
        .containsExactly(T0, T0 + 40_000);

    hits(B, 100); // B returns: its watermark (95 s) holds the keyed stage back again
    hits(A, 200, 230);
    keyed.tick(KEYED_SHARD);
    assertThat(firedWindowStarts()).as("windows before B's watermark fire, later ones wait for B")
        .containsExactly(T0, T0 + 40_000, T0 + 50_000, T0 + 60_000);
  }
}
