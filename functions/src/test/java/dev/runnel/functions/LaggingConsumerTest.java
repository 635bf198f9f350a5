package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.exactlyonce.SimulatedCrash;
import dev.runnel.functions.fixtures.ExpiringCountJob;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StoredState;
import dev.runnel.statestore.memory.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A consumer lagging by days (a stream read again from its start, an outage) applies records whose arrival is long
 * past. The states' TTLs count from those arrivals, but the key items must still live a day from now: an item written
 * already expired is absent to the store, so the retry of a batch that crashed between its state writes and its
 * checkpoint would apply every record again.
 */
class LaggingConsumerTest {
  private static final Plan PLAN = Planner.plan(ExpiringCountJob.class, StateLayout.KEYS);
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String SHARD = "shardId-000000000000";

  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final InMemoryStateStore states = new InMemoryStateStore(CLOCK);
  private final FakeKinesis kinesis = new FakeKinesis();
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("expiring-dead-letters", List.of("source",
      "position")));

  private StageHandler instance(CommitObserver observer) {
    return new StageHandler(PLAN, ExpiringCountJob.KEYED_STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer), RetryPolicy.immediate(3), CLOCK,
        checkpoints, states);
  }

  /** Clicks {@code first}.. of users u0..u2 round robin, arrived three days ago. */
  private static KinesisEvent oldClicks(int first, int count) {
    KinesisEvents events = KinesisEvents.onShard(SHARD).arrivedAt(NOW.minus(Duration.ofDays(3)));
    for (int i = first; i < first + count; i++) {
      String user = "u" + (i % 3);
      events.add(String.valueOf(49_000_000_000L + i), user, "{\"user\":\"" + user + "\",\"page\":\"/p" + i + "\"}");
    }
    return events.build();
  }

  @Test
  void aKeyKeepsItsStateFromOneBatchOfOldRecordsToTheNext() {
    StageHandler handler = instance(CommitObserver.NONE);
    handler.handleRequest(oldClicks(0, 12), null);
    handler = instance(CommitObserver.NONE);
    handler.handleRequest(oldClicks(12, 12), null);

    assertThat(lastCounts()).as("each user's count carried on from the first batch").isEqualTo(
        Map.of("u0", 8L, "u1", 8L, "u2", 8L));
  }

  @Test
  void aRetryAfterACrashBeforeTheCheckpointFindsTheKeysItWrote() {
    KinesisEvent batch = oldClicks(0, 12);
    CommitObserver crash = (step, stage, shard) -> {
      if (step == CommitStep.STATE_WRITTEN) {
        throw new SimulatedCrash("crash after the state writes");
      }
    };
    assertThatThrownBy(() -> instance(crash).handleRequest(batch, null)).isInstanceOf(SimulatedCrash.class);

    Map<StateKey, StoredState> stored = states.load(List.of(key("u0"), key("u1"), key("u2")));
    assertThat(stored).as("the key items the crashed attempt wrote are live").hasSize(3);
    assertThat(stored.values()).allSatisfy(item -> assertThat(item.expiresAtEpochSeconds())
        .isGreaterThanOrEqualTo(NOW.plus(Duration.ofDays(1)).getEpochSecond()));

    instance(CommitObserver.NONE).handleRequest(batch, null);
    assertThat(lastCounts()).as("each user's clicks counted once").isEqualTo(Map.of("u0", 4L, "u1", 4L, "u2", 4L));
  }

  /** The highest count written per user. */
  private Map<String, Long> lastCounts() {
    Map<String, Long> last = new TreeMap<>();
    kinesis.accepted("expiring-out").forEach(entry -> {
      String json = entry.data().asUtf8String();
      last.merge(json.replaceAll(".*\"user\":\"([^\"]+)\".*", "$1"),
          Long.parseLong(json.replaceAll(".*\"n\":(\\d+).*", "$1")), Math::max);
    });
    return last;
  }

  private static StateKey key(String user) {
    return new StateKey(ExpiringCountJob.KEYED_STAGE, user);
  }
}
