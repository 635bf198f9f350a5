package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.BatchFailures;
import dev.runnel.checkpointing.checkpoint.Checkpoint;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.exactlyonce.SimulatedCrash;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.PoisonJob;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.plan.StateLayout;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Poison isolation (docs/exactly-once.md, "Poison records") on in-memory stores: a record that fails its batch for
 * an unknown reason, grows its key's state beyond what can be stored, or hangs the function goes to the dead letters
 * alone after a bounded number of attempts, and every other record is applied exactly once.
 */
class PoisonIsolationTest {
  private static final Plan PLAN = Planner.plan(PoisonJob.class, StateLayout.KEYS);
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

  private final InMemoryStateLogStore stateLog = new InMemoryStateLogStore();

  /** Where the keyed stage keeps its state; {@link PoisonIsolationLogLayoutTest} runs every test in the log layout. */
  StateLayout layout() {
    return StateLayout.KEYS;
  }

  private StageHandler instance(CommitObserver observer) {
    return new StageHandler(layout() == StateLayout.KEYS ? PLAN : Planner.plan(PoisonJob.class, StateLayout.LOG),
        PoisonJob.KEYED_STAGE, new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer),
        RetryPolicy.immediate(3), CLOCK, checkpoints, layout() == StateLayout.KEYS ? states : null,
        layout() == StateLayout.LOG ? stateLog : null);
  }

  /** Pages of user u0..u(users-1) round robin from sequence {@code first}; {@code pages} overrides some. */
  private static KinesisEvent clicks(int first, int count, int users, Map<Integer, String> pages) {
    KinesisEvents events = KinesisEvents.onShard(SHARD);
    for (int i = first; i < first + count; i++) {
      String user = "u" + (i % users);
      events.add(sequence(i), user, "{\"user\":\"" + user + "\",\"page\":\"" + pages.getOrDefault(i, "/p" + i)
          + "\"}");
    }
    return events.build();
  }

  private static String sequence(int i) {
    return String.valueOf(49_000_000_000L + i);
  }

  /** The last count per user, after dropping duplicate identities. */
  private Map<String, Long> lastCounts() {
    Map<String, Long> last = new TreeMap<>();
    for (String json : distinctOutputs().values()) {
      String user = json.replaceAll(".*\"user\":\"([^\"]+)\".*", "$1");
      long n = Long.parseLong(json.replaceAll(".*\"n\":(\\d+).*", "$1"));
      last.merge(user, n, Math::max);
    }
    return last;
  }

  private Map<String, String> distinctOutputs() {
    Map<String, String> byIdentity = new LinkedHashMap<>();
    for (var entry : kinesis.accepted("poison-out")) {
      RecordIdentity identity = RecordIdentity.parse(entry.partitionKey()).orElseThrow();
      byIdentity.putIfAbsent(identity.stage() + "|" + identity.shardId() + "|" + identity.sequenceNumber() + "|"
          + identity.index(),
          entry.data().asString(StandardCharsets.UTF_8));
    }
    return byIdentity;
  }

  /** Counts per user over records 0..count-1 without the skipped ones. */
  private static Map<String, Long> expectedCounts(int count, int users, List<Integer> skipped) {
    Map<String, Long> counts = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      if (!skipped.contains(i)) {
        counts.merge("u" + (i % users), 1L, Long::sum);
      }
    }
    return counts;
  }

  /** The dead letters by sequence number: error type and error. */
  private Map<String, List<String>> deadLetters() {
    Map<String, List<String>> byPosition = new TreeMap<>();
    for (Map<String, AttributeValue> item : dynamoDb.items(DEAD_LETTERS)) {
      byPosition.put(item.get("sequenceNumber").s(), List.of(item.get("errorType").s(), item.get("error").s()));
    }
    return byPosition;
  }

  private long checkpointRequestsSent() {
    return checkpoints.counters().requests(dev.runnel.checkpointing.checkpoint.CheckpointCounters.Request.LOAD)
        + checkpoints.counters().requests(dev.runnel.checkpointing.checkpoint.CheckpointCounters.Request.COMMIT);
  }

  private Checkpoint checkpoint() {
    return checkpoints.load(PoisonJob.KEYED_STAGE, SHARD).orElseThrow();
  }

  @Test
  void aRecordFailingForAnUnknownReasonIsDeadLetteredAfterTheBoundedAttemptsAndTheRestAppliedOnce() {
    KinesisEvent batch = clicks(0, 20, 3, Map.of(7, "oom"));
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> instance(CommitObserver.NONE).handleRequest(batch, null))
          .isInstanceOf(InternalError.class);
      BatchFailures.Suspect suspect = checkpoint().failures().suspect();
      assertThat(suspect.attempts()).as("attempt %d is counted in the checkpoint item", attempt).isEqualTo(attempt);
      assertThat(suspect.from()).isEqualTo(sequence(0));
      assertThat(suspect.lastError()).contains("InternalError", "simulated");
    }
    long checkpointRequestsBefore = checkpointRequestsSent();
    StageHandler narrowing = instance(CommitObserver.NONE);
    narrowing.handleRequest(batch, null);
    assertThat(narrowing.metrics().checkpointRequests()).as("the bill counts every request the narrowing sent")
        .isEqualTo(checkpointRequestsSent() - checkpointRequestsBefore);

    assertThat(deadLetters()).containsOnlyKeys(sequence(7));
    assertThat(deadLetters().get(sequence(7)).get(0)).isEqualTo("attempts");
    assertThat(deadLetters().get(sequence(7)).get(1))
        .contains("poison-2", SHARD, sequence(7), "every attempt at the record failed", "InternalError");
    assertThat(lastCounts()).isEqualTo(expectedCounts(20, 3, List.of(7)));
    assertThat(distinctOutputs()).hasSize(19);
    assertThat(checkpoint().position()).isEqualTo(sequence(19));
    assertThat(checkpoint().failures().isEmpty()).as("nothing left once the position passed it").isTrue();

    // a redelivery of the whole batch changes nothing; the next batch of the shard runs normally
    instance(CommitObserver.NONE).handleRequest(batch, null);
    instance(CommitObserver.NONE).handleRequest(clicks(20, 6, 3, Map.of()), null);
    assertThat(deadLetters()).hasSize(1);
    assertThat(lastCounts()).isEqualTo(expectedCounts(26, 3, List.of(7)));
  }

  @Test
  void theLogLinesOfEachAttemptNameItsNumberFromTheCheckpointEvenOnAnotherInstance() {
    KinesisEvent batch = clicks(0, 5, 3, Map.of(2, "oom"));
    List<String> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    CommitObserver logged = (step, stage, shard) -> {
      if (step == CommitStep.STARTED) {
        attempts.add(org.slf4j.MDC.get(dev.runnel.functions.logging.InvocationLog.ATTEMPT));
      }
    };
    for (int attempt = 1; attempt <= 2; attempt++) {
      assertThatThrownBy(() -> instance(logged).handleRequest(batch, null)).isInstanceOf(InternalError.class);
    }
    assertThat(attempts).containsExactly("1", "2");
    assertThat(org.slf4j.MDC.get(dev.runnel.functions.logging.InvocationLog.ATTEMPT)).as("cleared after").isNull();
  }

  @Test
  void aLambdaBisectedRetryStillCountsItsAttemptsAndEndsWithTheRecordAlone() {
    // Lambda's own bisect retries ever smaller batches that all start at the committed position
    assertThatThrownBy(() -> instance(CommitObserver.NONE).handleRequest(clicks(0, 8, 2, Map.of(0, "oom")), null))
        .isInstanceOf(InternalError.class);
    assertThatThrownBy(() -> instance(CommitObserver.NONE).handleRequest(clicks(0, 4, 2, Map.of(0, "oom")), null))
        .isInstanceOf(InternalError.class);
    assertThatThrownBy(() -> instance(CommitObserver.NONE).handleRequest(clicks(0, 2, 2, Map.of(0, "oom")), null))
        .isInstanceOf(InternalError.class);
    instance(CommitObserver.NONE).handleRequest(clicks(0, 1, 2, Map.of(0, "oom")), null);
    instance(CommitObserver.NONE).handleRequest(clicks(0, 8, 2, Map.of(0, "oom")), null);

    assertThat(deadLetters()).containsOnlyKeys(sequence(0));
    assertThat(lastCounts()).isEqualTo(expectedCounts(8, 2, List.of(0)));
  }

  @Test
  void aLambdaBisectedRetryThatLeavesTheFailingRecordOutDeadLettersNoGoodRecord() {
    // the failing record is the second: after 3 counted attempts, Lambda's bisect delivers the first record alone,
    // which never failed; it must be applied, and only the second dead-lettered
    for (int size : new int[] {8, 4, 2}) {
      assertThatThrownBy(() -> instance(CommitObserver.NONE).handleRequest(clicks(0, size, 2, Map.of(1, "oom")),
          null)).isInstanceOf(InternalError.class);
    }
    instance(CommitObserver.NONE).handleRequest(clicks(0, 1, 2, Map.of(1, "oom")), null);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> instance(CommitObserver.NONE).handleRequest(clicks(1, 1, 2, Map.of(1, "oom")), null))
          .isInstanceOf(InternalError.class);
    }
    instance(CommitObserver.NONE).handleRequest(clicks(1, 1, 2, Map.of(1, "oom")), null);
    instance(CommitObserver.NONE).handleRequest(clicks(0, 8, 2, Map.of(1, "oom")), null);

    assertThat(deadLetters()).containsOnlyKeys(sequence(1));
    assertThat(lastCounts()).isEqualTo(expectedCounts(8, 2, List.of(1)));
  }

  @Test
  void aRecordThatWouldGrowItsStateBeyondWhatCanBeStoredFailsAloneAtOnce() {
    // u0 gets records 0, 2, 4, ...; its third 1.5 MB blob would make 4.5 MB, over one transaction's 4 MB
    KinesisEvent batch = clicks(0, 12, 2, Map.of(2, "grow", 4, "grow", 6, "grow", 8, "grow"));
    StageHandler handler = instance(CommitObserver.NONE);
    handler.handleRequest(batch, null);

    assertThat(deadLetters()).containsOnlyKeys(sequence(6), sequence(8));
    assertThat(deadLetters().get(sequence(6)).get(0)).isEqualTo("state");
    assertThat(deadLetters().get(sequence(6)).get(1)).contains("beyond what can be stored", "too large");
    assertThat(lastCounts()).isEqualTo(expectedCounts(12, 2, List.of(6, 8)));
    String lastOfU0 = distinctOutputs().values().stream().filter(json -> json.contains("\"u0\"")).reduce((a, b) -> b)
        .orElseThrow();
    assertThat(lastOfU0).as("u0 keeps the two blobs it could store").contains("\"blobs\":2");
    assertThat(checkpoint().position()).isEqualTo(sequence(11));
  }

  @Test
  void aRecordJudgedPoisonStaysDeadLetteredEvenIfALaterAttemptCouldApplyIt() {
    KinesisEvent batch = clicks(0, 6, 2, Map.of(3, "flaky"));
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThatThrownBy(() -> instance(CommitObserver.NONE).handleRequest(batch, null))
          .isInstanceOf(InternalError.class);
    }
    // the narrowing judges record 3 poison, then crashes after sending its dead letter, before the checkpoint
    AtomicInteger outputsWritten = new AtomicInteger();
    CommitObserver crashAfterTheDeadLetter = (step, stage, shard) -> {
      if (step == CommitStep.OUTPUTS_WRITTEN && deadLetters().containsKey(sequence(3))
          && outputsWritten.incrementAndGet() == 1) {
        throw new SimulatedCrash("crash after the dead letter of the poison record");
      }
    };
    assertThatThrownBy(() -> instance(crashAfterTheDeadLetter).handleRequest(batch, null))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(checkpoint().failures().poisonedAt(sequence(3))).isPresent();

    PoisonJob.flaky = false;
    instance(CommitObserver.NONE).handleRequest(batch, null);

    assertThat(deadLetters()).containsOnlyKeys(sequence(3));
    assertThat(lastCounts()).as("the poison record was not applied after all")
        .isEqualTo(expectedCounts(6, 2, List.of(3)));
  }

  @Test
  void injectedCrashesAndConflictsAreNeverCountedAsAttempts() {
    KinesisEvent batch = clicks(0, 10, 2, Map.of());
    for (int attempt = 1; attempt <= 5; attempt++) {
      CommitObserver crash = (step, stage, shard) -> {
        if (step == CommitStep.PROCESSED) {
          throw new SimulatedCrash("crash");
        }
      };
      assertThatThrownBy(() -> instance(crash).handleRequest(batch, null)).isInstanceOf(SimulatedCrash.class);
    }
    assertThat(checkpoints.load(PoisonJob.KEYED_STAGE, SHARD)).as("no trace, like a real crash").isEmpty();
    instance(CommitObserver.NONE).handleRequest(batch, null);
    assertThat(deadLetters()).isEmpty();
    assertThat(lastCounts()).isEqualTo(expectedCounts(10, 2, List.of()));
  }

  @Test
  void aRecordThatHangsTheFunctionIsCountedByTheWatchdogNarrowedAndDeadLettered() {
    PoisonJob.hangMillis = 700;
    KinesisEvent batch = clicks(0, 4, 2, Map.of(2, "hang"));
    List<String> outcomes = new ArrayList<>();
    for (int invocation = 0; invocation < 10 && !deadLetters().containsKey(sequence(2)); invocation++) {
      try {
        // 2 s left: the watchdog records the attempt 1.5 s before the end, while the record hangs
        instance(killedAfterAHang()).handleRequest(batch, remaining(2_000));
        outcomes.add("ok");
      } catch (SimulatedCrash timedOut) {
        BatchFailures.Suspect suspect = checkpoint().failures().suspect();
        outcomes.add(suspect.records() + " record(s) x" + suspect.attempts() + (suspect.narrowing() ? " n" : ""));
      }
    }
    assertThat(outcomes).as("three timed-out attempts, then halves, then the record alone").containsExactly(
        "4 record(s) x1", "4 record(s) x2", "4 record(s) x3", "2 record(s) x3 n", "1 record(s) x3 n", "ok");
    assertThat(deadLetters()).containsOnlyKeys(sequence(2));
    assertThat(deadLetters().get(sequence(2)).get(1)).contains("about to time out");
    assertThat(lastCounts()).isEqualTo(expectedCounts(4, 2, List.of(2)));
  }

  /** Ends the invocation after a record hung, as Lambda does at the function's timeout (leaving no trace). */
  private static CommitObserver killedAfterAHang() {
    return (step, stage, shard) -> {
      if (step == CommitStep.PROCESSED && PoisonJob.HUNG.getAndSet(false)) {
        throw new SimulatedCrash("the process was ended at its timeout");
      }
    };
  }

  /** A Lambda context with {@code millis} left. */
  private static Context remaining(int millis) {
    long deadline = System.currentTimeMillis() + millis;
    return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis")
            ? (int) Math.max(0, deadline - System.currentTimeMillis()) : null);
  }
}
