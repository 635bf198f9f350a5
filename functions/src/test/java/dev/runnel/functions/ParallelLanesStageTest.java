package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.BatchFailures;
import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.PoisonJob;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StageSpec;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A keyed stage in parallel lanes (docs/exactly-once.md, "Parallel lanes") on in-memory stores: lane batches of one
 * shard finishing out of order and redelivered apply every record once; lanes failing at the same time count their
 * attempts apart, and each narrows to its own poison record.
 */
class ParallelLanesStageTest {
  private static final Plan PLAN = lanes(Planner.plan(PoisonJob.class, StateLayout.KEYS), 4);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
  private static final String SHARD = "shardId-000000000000";
  private static final String DEAD_LETTERS = "poison-dead-letters";

  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final InMemoryStateStore states = new InMemoryStateStore(CLOCK);
  private final FakeKinesis kinesis = new FakeKinesis();
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of(DEAD_LETTERS, List.of("source", "position")));

  @AfterEach
  void reset() {
    PoisonJob.flaky = true;
    PoisonJob.hangMillis = 1_000;
    PoisonJob.HUNG.set(false);
  }

  private static Plan lanes(Plan plan, int factor) {
    List<StageSpec> stages = new ArrayList<>();
    for (StageSpec stage : plan.stages()) {
      stages.add(stage.keyed() ? stage.withBatching(stage.batching().withParallelizationFactor(factor)) : stage);
    }
    return plan.withStages(stages);
  }

  private StageHandler instance() {
    return instance(CommitObserver.NONE);
  }

  private StageHandler instance(CommitObserver observer) {
    return new StageHandler(PLAN, PoisonJob.KEYED_STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer), RetryPolicy.immediate(3),
        CLOCK, checkpoints, states);
  }

  /** The records at {@code sequences} of user {@code user} (one lane), pages from {@code pages} or {@code /p<i>}. */
  private static KinesisEvent lane(String user, List<Integer> sequences, Map<Integer, String> pages) {
    KinesisEvents events = KinesisEvents.onShard(SHARD);
    for (int i : sequences) {
      events.add(sequence(i), user, "{\"user\":\"" + user + "\",\"page\":\"" + pages.getOrDefault(i, "/p" + i)
          + "\"}");
    }
    return events.build();
  }

  private static List<Integer> every(int first, int step, int last) {
    List<Integer> sequences = new ArrayList<>();
    for (int i = first; i <= last; i += step) {
      sequences.add(i);
    }
    return sequences;
  }

  private static String sequence(int i) {
    return String.valueOf(49_000_000_000L + i);
  }

  /** The last count per user, after dropping duplicate identities. */
  private Map<String, Long> lastCounts() {
    Map<String, String> byIdentity = new LinkedHashMap<>();
    for (var entry : kinesis.accepted("poison-out")) {
      RecordIdentity identity = RecordIdentity.parse(entry.partitionKey()).orElseThrow();
      byIdentity.putIfAbsent(identity.shardId() + "|" + identity.sequenceNumber() + "|" + identity.index(),
          entry.data().asString(StandardCharsets.UTF_8));
    }
    Map<String, Long> last = new TreeMap<>();
    for (String json : byIdentity.values()) {
      String user = json.replaceAll(".*\"user\":\"([^\"]+)\".*", "$1");
      last.merge(user, Long.parseLong(json.replaceAll(".*\"n\":(\\d+).*", "$1")), Math::max);
    }
    return last;
  }

  private List<String> deadLetters() {
    List<String> positions = new ArrayList<>();
    for (Map<String, AttributeValue> item : dynamoDb.items(DEAD_LETTERS)) {
      positions.add(item.get("sequenceNumber").s() + " " + item.get("errorType").s());
    }
    positions.sort(null);
    return positions;
  }

  private Checkpoint checkpoint() {
    return checkpoints.load(PoisonJob.KEYED_STAGE, SHARD).orElse(null);
  }

  @Test
  void laneBatchesFinishingOutOfOrderAndRedeliveredApplyEveryRecordOnce() {
    // u1's lane runs two batches, all of its records, before u0's lane runs its first (lanes finish out of order)
    instance().handleRequest(lane("u1", every(1, 2, 19), Map.of()), null);
    instance().handleRequest(lane("u1", every(21, 2, 39), Map.of()), null);
    instance().handleRequest(lane("u0", every(0, 2, 38), Map.of()), null);
    assertThat(lastCounts()).as("u0's records before u1's last were not taken for redeliveries")
        .isEqualTo(Map.of("u0", 20L, "u1", 20L));
    instance().handleRequest(lane("u2", every(40, 1, 45), Map.of()), null);
    // a redelivery of everything (Lambda restarted from an older checkpoint), in one batch and in lanes again
    KinesisEvents all = KinesisEvents.onShard(SHARD);
    for (int i = 0; i <= 45; i++) {
      String user = i >= 40 ? "u2" : "u" + (i % 2);
      all.add(sequence(i), user, "{\"user\":\"" + user + "\",\"page\":\"/p" + i + "\"}");
    }
    instance().handleRequest(all.build(), null);
    instance().handleRequest(lane("u0", every(0, 2, 38), Map.of()), null);

    assertThat(lastCounts()).isEqualTo(Map.of("u0", 20L, "u1", 20L, "u2", 6L));
    assertThat(kinesis.accepted("poison-out").stream().map(e -> RecordIdentity.parse(e.partitionKey())
        .orElseThrow().sequenceNumber()).distinct()).hasSize(46);
    assertThat(checkpoint()).as("lanes commit no position").isNull();
  }

  @Test
  void lanesFailingAtTheSameTimeCountTheirAttemptsApartAndEachIsolatesItsOwnRecord() {
    KinesisEvent laneA = lane("u0", every(0, 2, 18), Map.of(6, "oom"));
    KinesisEvent laneB = lane("u1", every(1, 2, 19), Map.of(11, "oom"));
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> instance().handleRequest(laneA, null)).isInstanceOf(InternalError.class);
      assertThatThrownBy(() -> instance().handleRequest(laneB, null)).isInstanceOf(InternalError.class);
      List<BatchFailures.Suspect> suspects = checkpoint().failures().laneSuspects();
      assertThat(suspects).extracting(BatchFailures.Suspect::from).containsExactly(sequence(0), sequence(1));
      int counted = attempt;
      assertThat(suspects).allSatisfy(s -> assertThat(s.attempts()).isEqualTo(counted));
    }
    instance().handleRequest(laneB, null);
    instance().handleRequest(laneA, null);

    assertThat(deadLetters()).containsExactly(sequence(6) + " attempts", sequence(11) + " attempts");
    assertThat(lastCounts()).isEqualTo(Map.of("u0", 9L, "u1", 9L));
    assertThat(checkpoint().failures()).as("the lane batches succeeded: their entries are dropped")
        .isEqualTo(BatchFailures.NONE);
    assertThat(checkpoint().position()).isNull();

    // redelivered, both lanes skip every record (their keys' versions cover them) and dead-letter nothing new
    instance().handleRequest(laneA, null);
    instance().handleRequest(laneB, null);
    assertThat(deadLetters()).hasSize(2);
    assertThat(lastCounts()).isEqualTo(Map.of("u0", 9L, "u1", 9L));
  }

  @Test
  void aHangingRecordNarrowedByTheWatchdogIsFoundAgainInsideItsLaneBatchAndDeadLettered() {
    // the watchdog records the part being narrowed when the invocation times out; the retry of the lane batch starts
    // at the batch's first record, so it finds the part's span inside the batch, runs the records before it first
    PoisonJob.hangMillis = 700;
    KinesisEvent batch = lane("u0", every(0, 1, 5), Map.of(4, "hang"));
    List<String> outcomes = new ArrayList<>();
    for (int invocation = 0; invocation < 12 && deadLetters().isEmpty(); invocation++) {
      try {
        instance(killedAfterAHang()).handleRequest(batch, remaining(2_000));
        outcomes.add("ok");
      } catch (dev.runnel.functions.exactlyonce.SimulatedCrash timedOut) {
        List<BatchFailures.Suspect> spans = checkpoint().failures().laneSuspects();
        outcomes.add(spans.stream().map(s -> s.from().substring(s.from().length() - 1) + ":" + s.records() + "x"
            + s.attempts() + (s.narrowing() ? "n" : "")).toList().toString());
      }
    }
    assertThat(outcomes).as("three timed-out attempts at the lane batch, then halves of it, halves of the failing half,"
        + " then the record alone").containsExactly("[0:6x1]", "[0:6x2]", "[0:6x3]", "[0:6x3, 3:3x3n]",
        "[0:6x3, 3:3x3n, 4:2x3n]", "[0:6x3, 3:3x3n, 4:1x3n]", "ok");
    assertThat(deadLetters()).containsExactly(sequence(4) + " attempts");
    assertThat(lastCounts()).isEqualTo(Map.of("u0", 5L));
    assertThat(checkpoint().failures()).isEqualTo(BatchFailures.NONE);
  }

  /** Ends the invocation after a record hung, as Lambda does at the function's timeout (leaving no trace). */
  private static CommitObserver killedAfterAHang() {
    return (step, stage, shard) -> {
      if (step == dev.runnel.functions.exactlyonce.CommitStep.PROCESSED && PoisonJob.HUNG.getAndSet(false)) {
        throw new dev.runnel.functions.exactlyonce.SimulatedCrash("the process was ended at its timeout");
      }
    };
  }

  /** A Lambda context with {@code millis} left. */
  private static com.amazonaws.services.lambda.runtime.Context remaining(int millis) {
    long deadline = System.currentTimeMillis() + millis;
    return (com.amazonaws.services.lambda.runtime.Context) java.lang.reflect.Proxy.newProxyInstance(
        com.amazonaws.services.lambda.runtime.Context.class.getClassLoader(),
        new Class<?>[] {com.amazonaws.services.lambda.runtime.Context.class},
        (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis")
            ? (int) Math.max(0, deadline - System.currentTimeMillis()) : null);
  }
}
