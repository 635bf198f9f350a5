package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.exactlyonce.SimulatedCrash;
import dev.runnel.functions.fixtures.ClockWindowJob;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.SettableClock;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.StateLayout;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Processing-time and count windows of a keyed stage on in-memory stores, in both state layouts: batches arrive 1.3 s
 * apart with ticks between them, so windows fire in rounds pinned by batches and by ticks. The failure-free run
 * matches a reference (every click in one tumbling window of its page and in two sliding ones, a count window per 4
 * clicks of a page), and a crash after any commit step (record or round) gives exactly its outputs.
 */
class ClockAndCountWindowsTest {
  private static final String SHARD = "shardId-000000000000";
  private static final Instant START = Instant.parse("2026-11-21T00:00:03Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLICKS = 150;
  private static final int BATCH = 7;
  private static final List<String> STREAMS = List.of("tens-out", "twenties-out", "fours-out", "early-out");

  /** One run's stores and clock. */
  private static final class Run {
    final StateLayout layout;
    final SettableClock clock = new SettableClock(START);
    final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    final InMemoryStateStore states = new InMemoryStateStore(clock);
    final InMemoryStateLogStore stateLog = new InMemoryStateLogStore();
    final InMemoryProgressStore progress = new InMemoryProgressStore();
    final InMemoryTimerIndex index = new InMemoryTimerIndex();
    final FakeKinesis kinesis = new FakeKinesis();
    final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("clockwin-dead-letters", List.of("source", "position")));

    Run(StateLayout layout) {
      this.layout = layout;
    }

    StageHandler instance(CommitObserver observer) {
      StageResources resources = new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer);
      if (layout == StateLayout.LOG) {
        return new StageHandler(Planner.plan(ClockWindowJob.class, StateLayout.LOG), ClockWindowJob.KEYED_STAGE,
            resources, RetryPolicy.immediate(3), clock, checkpoints, null, progress, null, null, stateLog);
      }
      return new StageHandler(Planner.plan(ClockWindowJob.class, StateLayout.KEYS), ClockWindowJob.KEYED_STAGE,
          resources, RetryPolicy.immediate(3), clock, checkpoints, states, progress, index);
    }

    /** Clicks on pages p0..p4 in batches 1.3 s apart, a tick after each, then 30 s later three ticks. */
    void run(CommitObserver observer) {
      StageHandler handler = instance(observer);
      int sequence = 1_000;
      for (int from = 0; from < CLICKS; from += BATCH) {
        KinesisEvents events = KinesisEvents.onShard(SHARD).arrivedAt(clock.instant());
        for (int i = from; i < Math.min(CLICKS, from + BATCH); i++) {
          String identity = new RecordIdentity(ClockWindowJob.SOURCE_STAGE, SHARD, Integer.toString(sequence), 0, "-")
              .toPartitionKey();
          events.add(Integer.toString(sequence++), identity, "{\"page\":\"p" + (i * 3 % 5) + "\"}");
        }
        var event = events.build();
        clock.advance(Duration.ofMillis(1_300));
        try {
          handler.handleRequest(event, null);
        } catch (InjectedCrash crash) {
          handler = instance(CommitObserver.NONE); // a new environment retries the batch
          handler.handleRequest(event, null);
        }
        clock.advance(Duration.ofMillis(2_100));
        handler = tick(handler);
      }
      clock.advance(Duration.ofSeconds(30));
      for (int tick = 0; tick < 3; tick++) {
        handler = tick(handler);
        clock.advance(Duration.ofSeconds(2));
      }
    }

    private StageHandler tick(StageHandler handler) {
      try {
        handler.tick(SHARD);
        return handler;
      } catch (InjectedCrash crash) {
        return instance(CommitObserver.NONE); // the next tick or batch completes what it left
      }
    }

    /** Each stream's outputs after dropping copies by identity, sorted. */
    Map<String, List<String>> distinct() throws Exception {
      Map<String, List<String>> byStream = new TreeMap<>();
      for (String stream : STREAMS) {
        Map<String, String> seen = new TreeMap<>();
        for (var entry : kinesis.accepted(stream)) {
          RecordIdentity id = RecordIdentity.parse(entry.partitionKey()).orElseThrow();
          String payload = entry.data().asString(StandardCharsets.UTF_8);
          String earlier = seen.putIfAbsent(id.producer() + "|" + id.sequenceNumber() + "|" + id.index(), payload);
          assertThat(earlier == null || earlier.equals(payload)).as("a copy carries the same payload").isTrue();
        }
        List<String> records = new ArrayList<>(seen.values());
        records.sort(null);
        byStream.put(stream, records);
      }
      return byStream;
    }
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void everyClickIsInItsWindowsOnce(StateLayout layout) throws Exception {
    Run run = new Run(layout);
    run.run(CommitObserver.NONE);
    Map<String, List<String>> out = run.distinct();

    Map<String, Long> clicks = new TreeMap<>();
    for (int i = 0; i < CLICKS; i++) {
      clicks.merge("p" + (i * 3 % 5), 1L, Long::sum);
    }
    assertThat(sums(out.get("tens-out"), 10_000)).as("tumbling").isEqualTo(clicks);
    Map<String, Long> twice = new TreeMap<>();
    clicks.forEach((page, n) -> twice.put(page, 2 * n));
    assertThat(sums(out.get("twenties-out"), 20_000)).as("sliding: each click in two windows").isEqualTo(twice);
    Map<String, Long> fours = new TreeMap<>();
    clicks.forEach((page, n) -> fours.put(page, n / 4 * 4));
    assertThat(sums(out.get("fours-out"), 4)).as("count windows: the partial one never fires").isEqualTo(fours);
    assertThat(out.get("tens-out").size()).as("tumbling windows fired, several per page").isGreaterThan(20);
    Map<String, Long> discarded = new TreeMap<>();
    Map<String, Integer> timings = new TreeMap<>();
    java.util.Set<String> firingsSeen = new java.util.HashSet<>();
    for (String line : out.get("early-out")) {
      JsonNode firing = JSON.readTree(line);
      discarded.merge(firing.get("page").asText(), firing.get("n").asLong(), Long::sum);
      timings.merge(firing.get("timing").asText(), 1, Integer::sum);
      assertThat(firingsSeen.add(firing.get("page").asText() + "@" + firing.get("start").asLong() + "#"
          + firing.get("firing").asInt())).as(line).isTrue();
    }
    assertThat(discarded).as("discarding: every click in exactly one firing").isEqualTo(clicks);
    assertThat(timings.keySet()).containsExactlyInAnyOrder("EARLY", "ON_TIME");
    assertThat(run.dynamoDb.items("clockwin-dead-letters")).isEmpty();
  }

  /** Sums the counts per page, checking each window's length and that no window fired twice. */
  private static Map<String, Long> sums(List<String> counts, long length) throws Exception {
    Map<String, Long> sums = new TreeMap<>();
    java.util.Set<String> windows = new java.util.HashSet<>();
    for (String line : counts) {
      JsonNode count = JSON.readTree(line);
      assertThat(count.get("end").asLong() - count.get("start").asLong()).as(line).isEqualTo(length);
      assertThat(windows.add(count.get("page").asText() + "@" + count.get("start").asLong())).as(line).isTrue();
      sums.merge(count.get("page").asText(), count.get("n").asLong(), Long::sum);
    }
    return sums;
  }

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, mode = EnumSource.Mode.EXCLUDE,
      names = {"MODEL_ANSWERS_STORED", "SNAPSHOT_WRITTEN", "SNAPSHOT_COMMITTED"})
  void aCrashAfterAnyStepGivesTheFailureFreeOutputsInTheKeysLayout(CommitStep step) throws Exception {
    crashAfterTheFifthTimeAt(StateLayout.KEYS, step);
  }

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, mode = EnumSource.Mode.EXCLUDE,
      names = {"MODEL_ANSWERS_STORED", "SNAPSHOT_WRITTEN", "SNAPSHOT_COMMITTED"})
  void aCrashAfterAnyStepGivesTheFailureFreeOutputsInTheLogLayout(CommitStep step) throws Exception {
    crashAfterTheFifthTimeAt(StateLayout.LOG, step);
  }

  private static void crashAfterTheFifthTimeAt(StateLayout layout, CommitStep step) throws Exception {
    Run reference = new Run(layout);
    reference.run(CommitObserver.NONE);
    Run crashed = new Run(layout);
    int[] reached = new int[1];
    crashed.run((s, stage, shard) -> {
      if (s == step && ++reached[0] == 5) {
        throw new InjectedCrash(s);
      }
    });
    assertThat(reached[0]).as("the crash point was reached").isGreaterThanOrEqualTo(5);
    assertThat(crashed.distinct()).isEqualTo(reference.distinct());
  }

  private static final class InjectedCrash extends SimulatedCrash {
    InjectedCrash(CommitStep step) {
      super("injected crash after " + step);
    }
  }
}
