package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
import dev.runnel.functions.fixtures.SettableClock;
import dev.runnel.functions.time.WatermarkMarker;
import dev.runnel.functions.fixtures.WindowJob;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import dev.runnel.statestore.memory.InMemoryStateLogStore;
import dev.runnel.plan.StateLayout;
import dev.runnel.statestore.timers.InMemoryTimerIndex;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
  private static final Plan PLAN = Planner.plan(WindowJob.class, StateLayout.KEYS);
  private static final Instant START = Instant.parse("2026-11-21T00:00:00Z");
  private static final String SHARD = "shardId-000000000000";
  private static final long T0 = 1_790_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 7;

  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final SettableClock clock = new SettableClock(START);
  private final InMemoryStateStore states = new InMemoryStateStore(clock);
  private final InMemoryProgressStore progress = new InMemoryProgressStore();
  private final InMemoryTimerIndex index = new InMemoryTimerIndex();
  private final FakeKinesis kinesis = new FakeKinesis();
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("win-dead-letters", List.of("source", "position")));

  /** One input record: its user and event time. */
  record Hit(String user, long at) {}

  final InMemoryStateLogStore stateLog = new InMemoryStateLogStore();

  /** Where the keyed stage keeps its state; {@link WindowsAndTimersLogLayoutTest} runs every test in the log layout. */
  StateLayout layout() {
    return StateLayout.KEYS;
  }

  /** A new test of this layout, with stores of its own. */
  WindowsAndTimersTest fresh() {
    return new WindowsAndTimersTest();
  }

  private StageHandler instance(CommitObserver observer) {
    if (layout() == StateLayout.LOG) {
      return new StageHandler(Planner.plan(WindowJob.class, StateLayout.LOG), WindowJob.KEYED_STAGE,
          new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer), RetryPolicy.immediate(3), clock,
          checkpoints, null, progress, null, null, stateLog);
    }
    return new StageHandler(PLAN, WindowJob.KEYED_STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer), RetryPolicy.immediate(3), clock,
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

  /** The upstream source shard's marker announcing {@code watermark}, as the record at {@code sequence}. */
  private static void announce(KinesisEvents events, String sequence, String shard, long watermark) {
    events.add(sequence, new WatermarkMarker(WindowJob.SOURCE_STAGE, shard, watermark).toPartitionKey(), "{}");
  }

  /**
   * Feeds the input in batches, each ending with the upstream's marker of its watermark (the newest event time so
   * far minus 5 s) and its published row, then ends the input (watermark +infinity) and ticks.
   */
  private void run(List<Hit> input, CommitObserver observer) {
    StageHandler handler = instance(observer);
    long max = Long.MIN_VALUE;
    int sequence = 50_000_000;
    int batches = (input.size() + BATCH - 1) / BATCH;
    for (int b = 0; b <= batches; b++) {
      List<Hit> batch = b == batches ? List.of() : input.subList(b * BATCH, Math.min(input.size(), (b + 1) * BATCH));
      KinesisEvents events = KinesisEvents.onShard(SHARD);
      for (Hit hit : batch) {
        String identity = new RecordIdentity(WindowJob.SOURCE_STAGE, SHARD, Integer.toString(sequence), 0, "-",
            hit.at()).toPartitionKey();
        events.add(Integer.toString(sequence++), identity, "{\"user\":\"" + hit.user() + "\",\"at\":" + hit.at() + "}");
        max = Math.max(max, hit.at());
      }
      long watermark = batch.isEmpty() ? Long.MAX_VALUE : max - 5_000;
      announce(events, Integer.toString(sequence++), SHARD, watermark);
      progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, SHARD, watermark, clock.millis()));
      var event = events.build();
      clock.advance(java.time.Duration.ofMillis(100));
      try {
        handler.handleRequest(event, null);
      } catch (InjectedCrash crash) {
        handler = instance(CommitObserver.NONE); // a new environment retries the batch
        handler.handleRequest(event, null);
      }
    }
    clock.advance(java.time.Duration.ofSeconds(3));
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
        if (t > last + 8_000) { // a hit exactly one gap after the last joins the session (they touch)
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
  void aTimerFiresOnATickWithNoFurtherInputOnceAQuietUpstreamShardIsIdle() throws Exception {
    String a = SHARD;
    String b = "shardId-000000000001";
    StageHandler handler = instance(CommitObserver.NONE);
    String identity = new RecordIdentity(WindowJob.SOURCE_STAGE, a, "1", 0, "-", T0).toPartitionKey();
    KinesisEvents events = KinesisEvents.onShard(SHARD).add("100", identity, "{\"user\":\"solo\",\"at\":" + T0 + "}");
    announce(events, "101", a, T0 + 30_000);
    announce(events, "102", b, T0);
    progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, a, T0 + 30_000, clock.millis()));
    progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, b, T0, clock.millis()));
    handler.handleRequest(events.build(), null);
    assertThat(kinesis.accepted("alerts-out")).as("B holds the watermark at T0").isEmpty();

    clock.advance(java.time.Duration.ofSeconds(10));
    handler.tick(SHARD);
    assertThat(kinesis.accepted("alerts-out")).as("B is quiet, not idle yet").isEmpty();

    clock.advance(java.time.Duration.ofSeconds(21)); // B quiet for 31 s; A still busy elsewhere
    progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, a, T0 + 30_000, clock.millis()));
    handler.tick(SHARD);
    assertThat(distinct().get("alerts-out")).extracting(alert -> alert.get("silentSince").asLong())
        .containsExactly(T0);
    assertThat(distinct().get("counts-out")).extracting(count -> count.get("n").asLong()).containsExactly(1L);
    assertThat(handler.metrics().ticks()).isEqualTo(2);
  }

  @Test
  void aWatermarkNeverRunsAheadOfRecordsNotYetRead() throws Exception {
    // the upstream published T0 + 60 s, but this shard has read neither that announcement nor the record before it
    StageHandler handler = instance(CommitObserver.NONE);
    progress.publish(new ShardProgress(WindowJob.SOURCE_STAGE, SHARD, T0 + 60_000, clock.millis()));
    clock.advance(java.time.Duration.ofSeconds(3));
    handler.tick(SHARD);
    String identity = new RecordIdentity(WindowJob.SOURCE_STAGE, SHARD, "1", 0, "-", T0 + 1_000).toPartitionKey();
    KinesisEvents events = KinesisEvents.onShard(SHARD)
        .add("100", identity, "{\"user\":\"x\",\"at\":" + (T0 + 1_000) + "}");
    announce(events, "101", SHARD, T0 + 60_000);
    handler.handleRequest(events.build(), null);
    assertThat(kinesis.accepted("late-out")).as("the record was read before the watermark passed it").isEmpty();
    assertThat(distinct().get("counts-out")).extracting(count -> count.get("n").asLong()).containsExactly(1L);
  }

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, mode = EnumSource.Mode.EXCLUDE, names = {"MODEL_ANSWERS_STORED", "SNAPSHOT_WRITTEN", "SNAPSHOT_COMMITTED"})
  void aCrashAfterAnyStepGivesTheFailureFreeOutputs(CommitStep step) throws Exception {
    crashAfterTheNinthTimeAt(step);
  }

  /** Runs input 11 failure-free and with a crash the ninth time {@code step} is reached, and compares the outputs. */
  void crashAfterTheNinthTimeAt(CommitStep step) throws Exception {
    List<Hit> input = input(11);
    run(input, CommitObserver.NONE);
    Map<String, List<JsonNode>> reference = distinct();
    WindowsAndTimersTest crashed = fresh();
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
  void eventTimesAtTheEndsOfLongAreWindowedWithoutWrappingAround() throws Exception {
    // times a job with @EventTime(allowNegative = true, maxAhead = "") lets through, one user each
    List<Hit> extremes = List.of(new Hit("min", Long.MIN_VALUE + 1), new Hit("near-min", Long.MIN_VALUE + 12_345),
        new Hit("minus-one", -1), new Hit("max", Long.MAX_VALUE - 2));
    assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> run(extremes, CommitObserver.NONE));
    Map<String, List<JsonNode>> out = distinct();
    assertThat(out.get("counts-out")).hasSize(4).allSatisfy(count -> {
      long at = extremes.stream().filter(h -> h.user().equals(count.get("user").asText())).findFirst().orElseThrow()
          .at();
      long start = count.get("start").asLong();
      long end = count.get("end").asLong();
      assertThat(start).as("%s", count).isLessThanOrEqualTo(at);
      assertThat(end).as("%s", count).isGreaterThan(at).isGreaterThan(start);
      assertThat(count.get("n").asLong()).isEqualTo(1);
    });
    assertThat(out.get("sessions-out")).extracting(n -> n.get("user").asText() + " " + n.get("start").asLong() + ".."
        + n.get("end").asLong()).containsExactlyInAnyOrder(
            "min " + (Long.MIN_VALUE + 1) + ".." + (Long.MIN_VALUE + 8_001),
            "near-min " + (Long.MIN_VALUE + 12_345) + ".." + (Long.MIN_VALUE + 20_345),
            "minus-one -1..7999",
            "max " + (Long.MAX_VALUE - 2) + ".." + Long.MAX_VALUE);
    assertThat(out.get("late-out")).isEmpty();
    assertThat(out.get("late-sessions-out")).isEmpty();
  }

  /** Sessions that touch merge, as in Flink: a hit exactly one gap (8 s) after the last one joins its session. */
  @Test
  void aHitExactlyOneGapAfterTheLastJoinsItsSession() throws Exception {
    run(List.of(new Hit("touch", 1_000), new Hit("touch", 9_000), new Hit("touch", 17_001)), CommitObserver.NONE);
    assertThat(distinct().get("sessions-out")).extracting(n -> n.get("start").asLong() + ".." + n.get("end").asLong()
        + " " + n.get("hits").asInt()).containsExactlyInAnyOrder("1000..17000 2", "17001..25001 1");
  }

  @Test
  void aRecordWithoutEventTimeGoesToTheDeadLetters() {
    StageHandler handler = instance(CommitObserver.NONE);
    String noTime = new RecordIdentity(WindowJob.SOURCE_STAGE, SHARD, "1", 0, "-").toPartitionKey();
    handler.handleRequest(KinesisEvents.onShard(SHARD).add("100", noTime, "{\"user\":\"x\",\"at\":1}").build(), null);
    assertThat(handler.metrics().deadLettered()).isEqualTo(1);
  }

  static final class InjectedCrash extends dev.runnel.functions.exactlyonce.SimulatedCrash {
    private static final long serialVersionUID = 1L;

    InjectedCrash(CommitStep step) {
      super("injected crash after " + step);
    }
  }
}
