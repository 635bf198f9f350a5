package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.WindowJob;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Windows and timers of a keyed stage on in-memory stores, with input shuffled within the out-of-orderness bound: the
 * results equal a reference computed over the sorted input, too-late records reach the late outputs, timers fire
 * with no further input, and a crash after any commit step (record or firing round) gives the failure-free output.
 */
class WindowsAndTimersTest {
  private static final Plan PLAN = Planner.plan(WindowJob.class);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
  private static final String SHARD = "shardId-000000000000";
  private static final long T0 = 1_790_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 7;

  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final InMemoryStateStore states = new InMemoryStateStore(CLOCK);
  private final InMemoryProgressStore progress = new InMemoryProgressStore();
  private final InMemoryTimerIndex index = new InMemoryTimerIndex();
  private final FakeKinesis kinesis = new FakeKinesis();
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("win-dead-letters", List.of("source", "position")));

  /** One input record: its user and event time. */
  record Hit(String user, long at) {}

  private StageHandler instance(CommitObserver observer) {
    return new StageHandler(PLAN, WindowJob.KEYED_STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer), RetryPolicy.immediate(3), CLOCK,
        checkpoints, states, progress, index);
  }

  /** Bursts per user (gaps of 1-4 s inside, at least 120 s between), shuffled within 5 s, plus too-late records. */
  static List<Hit> input(long seed) {
    Random random = new Random(seed);
    List<Hit> hits = new ArrayList<>();
    for (String user : List.of("u0", "u1", "u2")) {
      long t = T0 + random.nextInt(20_000);
      while (t < T0 + 600_000) {
        int burst = 5 + random.nextInt(10);
        for (int i = 0; i < burst; i++) {
          hits.add(new Hit(user, t));
          t += 1_000 + random.nextInt(3_000);
        }
        t += 120_000 + random.nextInt(30_000);
      }
    }
    hits.sort(java.util.Comparator.comparingLong(Hit::at).thenComparing(Hit::user));
    List<Hit> shuffled = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= hits.size(); i++) {
      if (i == hits.size() || hits.get(i).at() - hits.get(from).at() >= 4_999) {
        List<Hit> block = new ArrayList<>(hits.subList(from, i));
        Collections.shuffle(block, random);
        shuffled.addAll(block);
        from = i;
      }
    }
    // a record 400 s behind the newest, now and then after the first 420 s: later than every bound
    List<Hit> withLate = new ArrayList<>();
    long max = Long.MIN_VALUE;
    long lastLate = Long.MIN_VALUE;
    for (int i = 0; i < shuffled.size(); i++) {
      Hit hit = shuffled.get(i);
      withLate.add(hit);
      max = Math.max(max, hit.at());
      if (max > T0 + 420_000 && i % 5 == 0 && (lastLate == Long.MIN_VALUE || max - lastLate > 21_000)) {
        withLate.add(new Hit("late-user", max - 400_000));
        lastLate = max;
      }
    }
    return withLate;
  }

  /** Feeds the input in batches, publishing the upstream watermark after each, then ends the input and ticks. */
  private void run(List<Hit> input, CommitObserver observer) {
    StageHandler handler = instance(observer);
    long max = Long.MIN_VALUE;
    for (int from = 0; from < input.size(); from += BATCH) {
      List<Hit> batch = input.subList(from, Math.min(input.size(), from + BATCH));
      KinesisEvents events = KinesisEvents.onShard(SHARD);
      for (int i = 0; i < batch.size(); i++) {
        Hit hit = batch.get(i);
        long sequence = 1_000 + from + i;
        String identity = new RecordIdentity(WindowJob.SOURCE_STAGE, SHARD, Long.toString(sequence), 0, "-",
            hit.at()).toPartitionKey();
        events.add(Long.toString(50_000_000 + from + i), identity,
            "{\"user\":\"" + hit.user() + "\",\"at\":" + hit.at() + "}");
        max = Math.max(max, hit.at());
      }
      var event = events.build();
      try {
        handler.handleRequest(event, null);
      } catch (InjectedCrash crash) {
        handler = instance(CommitObserver.NONE); // a new environment retries the batch
        handler.handleRequest(event, null);
      }
      progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, SHARD, max - 5_000, CLOCK.millis()));
    }
    progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, SHARD, Long.MAX_VALUE, CLOCK.millis()));
    for (int tick = 0; tick < 3; tick++) {
      try {
        handler.tick(SHARD);
      } catch (InjectedCrash crash) {
        handler = instance(CommitObserver.NONE);
      }
    }
  }

  /** Each stream's outputs after dropping copies by identity (producer, sequence number, index). */
  private Map<String, List<JsonNode>> distinct() throws Exception {
    Map<String, List<JsonNode>> byStream = new TreeMap<>();
    for (String stream : List.of("counts-out", "late-out", "late-sessions-out", "sessions-out", "alerts-out")) {
      Map<String, String> seen = new TreeMap<>();
      for (var entry : kinesis.accepted(stream)) {
        RecordIdentity id = RecordIdentity.parse(entry.partitionKey()).orElseThrow();
        String key = id.producer() + "|" + id.sequenceNumber() + "|" + id.index();
        String payload = entry.data().asString(StandardCharsets.UTF_8);
        String earlier = seen.putIfAbsent(key, payload);
        assertThat(earlier == null || earlier.equals(payload)).as("a copy carries the same payload").isTrue();
      }
      List<JsonNode> records = new ArrayList<>();
      for (String payload : seen.values()) {
        records.add(JSON.readTree(payload));
      }
      records.sort(java.util.Comparator.comparing(JsonNode::toString));
      byStream.put(stream, records);
    }
    return byStream;
  }

  @Test
  void windowsTimersAndLateDataMatchAReferenceOverTheSortedInput() throws Exception {
    List<Hit> input = input(7);
    run(input, CommitObserver.NONE);
    Map<String, List<JsonNode>> out = distinct();

    List<Hit> onTime = input.stream().filter(h -> !h.user().equals("late-user")).sorted(
        java.util.Comparator.comparingLong(Hit::at)).toList();
    List<Hit> late = input.stream().filter(h -> h.user().equals("late-user")).toList();
    assertThat(late).hasSizeGreaterThanOrEqualTo(2);

    // tumbling 10 s counts: the last firing of each window holds the reference count; firings count 0, 1, ...
    Map<String, Long> expectedCounts = new TreeMap<>();
    for (Hit hit : onTime) {
      expectedCounts.merge(hit.user() + "@" + (hit.at() - Math.floorMod(hit.at(), 10_000)), 1L, Long::sum);
    }
    Map<String, Long> lastCounts = new TreeMap<>();
    Map<String, TreeSet<Integer>> firings = new TreeMap<>();
    for (JsonNode count : out.get("counts-out")) {
      String window = count.get("user").asText() + "@" + count.get("start").asLong();
      assertThat(count.get("end").asLong() - count.get("start").asLong()).isEqualTo(10_000);
      firings.computeIfAbsent(window, w -> new TreeSet<>()).add(count.get("firing").asInt());
      if (firings.get(window).last() == count.get("firing").asInt()) {
        lastCounts.put(window, count.get("n").asLong());
      }
    }
    assertThat(lastCounts).isEqualTo(expectedCounts);
    firings.values().forEach(f -> assertThat(f.last()).isEqualTo(f.size() - 1));

    // sessions with an 8 s gap: the bursts
    List<String> expectedSessions = new ArrayList<>();
    Map<String, List<Long>> byUser = new TreeMap<>();
    onTime.forEach(h -> byUser.computeIfAbsent(h.user(), u -> new ArrayList<>()).add(h.at()));
    byUser.forEach((user, times) -> {
      long start = times.get(0);
      long last = times.get(0);
      int hits = 1;
      for (long t : times.subList(1, times.size())) {
        if (t >= last + 8_000) {
          expectedSessions.add(user + "|" + start + "|" + (last + 8_000) + "|" + hits);
          start = t;
          hits = 0;
        }
        last = t;
        hits++;
      }
      expectedSessions.add(user + "|" + start + "|" + (last + 8_000) + "|" + hits);
    });
    assertThat(out.get("sessions-out").stream().map(s -> s.get("user").asText() + "|" + s.get("start").asLong() + "|"
        + s.get("end").asLong() + "|" + s.get("hits").asInt()).sorted().toList())
        .isEqualTo(expectedSessions.stream().sorted().toList());

    // timers: one alert per burst end (20 s of silence), and one per too-late record of late-user
    List<String> expectedAlerts = new ArrayList<>();
    byUser.forEach((user, times) -> {
      for (int i = 0; i < times.size(); i++) {
        if (i == times.size() - 1 || times.get(i + 1) - times.get(i) > 20_000) {
          expectedAlerts.add(user + "|" + times.get(i));
        }
      }
    });
    late.forEach(h -> expectedAlerts.add("late-user|" + h.at()));
    assertThat(out.get("alerts-out").stream().map(a -> a.get("user").asText() + "|" + a.get("silentSince").asLong())
        .sorted().toList()).isEqualTo(expectedAlerts.stream().sorted().toList());

    // too-late records reach both late outputs, unchanged
    List<String> expectedLate = late.stream().map(h -> h.user() + "|" + h.at()).sorted().toList();
    assertThat(out.get("late-out").stream().map(h -> h.get("user").asText() + "|" + h.get("at").asLong()).sorted()
        .toList()).isEqualTo(expectedLate);
    assertThat(out.get("late-sessions-out").stream().map(h -> h.get("user").asText() + "|" + h.get("at").asLong())
        .sorted().toList()).isEqualTo(expectedLate);
  }

  @Test
  void aTimerFiresOnATickWithNoFurtherInput() throws Exception {
    StageHandler handler = instance(CommitObserver.NONE);
    String identity = new RecordIdentity(WindowJob.SOURCE_STAGE, SHARD, "1", 0, "-", T0).toPartitionKey();
    handler.handleRequest(KinesisEvents.onShard(SHARD).add("100", identity, "{\"user\":\"solo\",\"at\":" + T0 + "}")
        .build(), null);
    assertThat(kinesis.accepted("alerts-out")).isEmpty();
    // upstream moves on without any record for this shard (other keys elsewhere): only ticks run here
    progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, SHARD, T0 + 19_999, CLOCK.millis()));
    handler.tick(SHARD);
    assertThat(kinesis.accepted("alerts-out")).as("not due before the watermark reaches at + 20 s").isEmpty();
    progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, SHARD, T0 + 20_000, CLOCK.millis()));
    handler.tick(SHARD);
    assertThat(distinct().get("alerts-out")).extracting(a -> a.get("silentSince").asLong()).containsExactly(T0);
    assertThat(distinct().get("counts-out")).extracting(c -> c.get("n").asLong()).containsExactly(1L);
    assertThat(handler.metrics().ticks()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(CommitStep.class)
  void aCrashAfterAnyStepGivesTheFailureFreeOutputs(CommitStep step) throws Exception {
    List<Hit> input = input(11);
    run(input, CommitObserver.NONE);
    Map<String, List<JsonNode>> reference = distinct();
    WindowsAndTimersTest crashed = new WindowsAndTimersTest();
    int[] reached = {0};
    crashed.run(input, (s, stage, shard) -> {
      if (s == step && ++reached[0] == 9) {
        throw new InjectedCrash(s);
      }
    });
    assertThat(reached[0]).as("the crash point was reached").isGreaterThanOrEqualTo(9);
    assertThat(crashed.distinct()).isEqualTo(reference);
  }

  @Test
  void aRecordWithoutEventTimeGoesToTheDeadLetters() {
    StageHandler handler = instance(CommitObserver.NONE);
    String noTime = new RecordIdentity(WindowJob.SOURCE_STAGE, SHARD, "1", 0, "-").toPartitionKey();
    handler.handleRequest(KinesisEvents.onShard(SHARD).add("100", noTime, "{\"user\":\"x\",\"at\":1}").build(), null);
    assertThat(handler.metrics().deadLettered()).isEqualTo(1);
  }

  static final class InjectedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedCrash(CommitStep step) {
      super("injected crash after " + step);
    }
  }
}
