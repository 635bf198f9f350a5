package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.faults.jobs.WindowedJob;
import dev.runnel.faults.jobs.WindowedJobInput;
import dev.runnel.faults.run.FaultReport;
import dev.runnel.faults.run.InputWaves;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.faults.run.SinkDiff;
import dev.runnel.faults.run.SinkRecord;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.plan.StateLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Windows and timers under faults, on {@link WindowedJob} fed in waves ({@link WindowedJobInput}): the failure-free
 * run equals a reference computed from the input alone, and a run that crashes after any commit step (the firing
 * round's steps included, in batches and in ticks), or suffers every kind of fault at once (zombie ticks and timer
 * index crashes included), gives the failure-free run's sinks, dead letters, keyed state and final watermarks.
 */
class WindowedFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theBundledInputIsCurrentAndAsDesigned() throws IOException {
    List<List<String>> waves = WindowedJobInput.generate();
    assertThat(Files.readString(WindowedJobInput.FILE)).as("rewrite it with WindowedJobInput.main")
        .isEqualTo(WindowedJobInput.text(waves));
    InputWaves parsed = WindowedJobInput.waves();
    assertThat(parsed.waves()).hasSize(WindowedJobInput.WAVES);
    for (int i = 0; i < waves.size(); i++) {
      int wave = i;
      long from = WindowedJobInput.T0 + wave * WindowedJobInput.WAVE_MILLIS;
      List<Long> onTime = hits(waves.get(wave)).stream().filter(h -> !isLate(h, wave)).map(WindowedJob.Hit::at)
          .toList();
      assertThat(onTime).as("wave %d", wave).isNotEmpty()
          .allSatisfy(at -> assertThat(at).isBetween(from, from + WindowedJobInput.WAVE_MILLIS - 1));
      assertThat(WindowedJobInput.WAVE_MILLIS).as("a wave spans less than the bound on out-of-orderness")
          .isLessThan(WindowedJob.MAX_OUT_OF_ORDERNESS);
    }
    assertThat(parsed.waves().get(WindowedJobInput.SLIGHTLY_LATE_WAVE - 1).settledAtLeast())
        .isEqualTo(WindowedJobInput.SETTLED_BEFORE_SLIGHTLY_LATE);
    assertThat(parsed.lines()).filteredOn(l -> !l.startsWith("{\"user\":\"") || l.contains("soon")).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void theFailureFreeRunMatchesAReferenceComputedFromTheInput(StateLayout layout) {
    RunOutput run = SharedHarness.reference(WindowedJob.class, layout);
    Expected expected = new Expected(WindowedJobInput.waves());

    assertThat(sorted(run.tables().get("windowed-counts"))).isEqualTo(sorted(expected.countItems));
    assertThat(sorted(distinct(run.streams().get("windowed-counts-out")))).isEqualTo(sorted(expected.countRecords));
    assertThat(expected.countRecords).as("the slightly late hit fired its window again")
        .anyMatch(c -> c.contains("\"firing\":1"));
    assertThat(sorted(distinct(run.streams().get("windowed-sessions-out")))).isEqualTo(sorted(expected.sessions));
    assertThat(sorted(distinct(run.streams().get("windowed-late-out")))).isEqualTo(sorted(expected.late));
    assertThat(sorted(run.tables().get("windowed-late-sessions"))).isEqualTo(sorted(expected.lateSessions));
    assertThat(sorted(run.tables().get("windowed-alerts"))).isEqualTo(sorted(expected.alerts));
    assertThat(run.deadLetters()).hasSize(2).allSatisfy(d -> assertThat(d).startsWith(WindowedJob.SOURCE_STAGE));
    assertThat(run.keyedState()).hasSize(expected.times.size());
    assertThat(run.stageTime()).as("every open shard of the windowed stage's input ended alike").singleElement()
        .satisfies(line -> assertThat(line).endsWith("open shards watermark=end-of-input no round pending"));
  }

  /**
   * The steps each layout crashes after: every step a windowed stage reaches in the state log layout (compaction's
   * included), where rounds, timers and state are the log's; in the per-key layout, the steps that write what only
   * that layout has (key items, the timer index: STATE_WRITTEN and the round's steps), since a crash before any write
   * (STARTED, PROCESSED, OUTPUTS_WRITTEN) or after the commit leaves alike in both, and each run takes 10-20 s.
   */
  static Stream<Arguments> commitSteps() {
    Stream<Arguments> log = Stream.of(CommitStep.values()).filter(step -> step != CommitStep.MODEL_ANSWERS_STORED)
        .map(step -> Arguments.of(StateLayout.LOG, step));
    Stream<Arguments> keys = Stream.of(CommitStep.values())
        .filter(step -> step == CommitStep.STATE_WRITTEN || step.name().startsWith("ROUND_"))
        .map(step -> Arguments.of(StateLayout.KEYS, step));
    return Stream.concat(keys, log);
  }

  /**
   * A crash after {@code step} at a quarter of its opportunities (at every compaction: a shard compacts seldom). After a round step, also at every opportunity in a
   * tick (until three ticks in a row failed: then one gets through), since ticks run few rounds: they complete the
   * rounds a crashed batch left pending, and pin rounds of their own only on a shard without a batch in the last two
   * seconds, so the input pauses for 2.5 s once, and the processing-time timers of the last hits fire in ticks.
   */
  @ParameterizedTest
  @MethodSource("commitSteps")
  void crashAfterEachCommitStep(StateLayout layout, CommitStep step) {
    FaultKind crash = FaultKind.crashAfter(step);
    boolean round = step.name().startsWith("ROUND_");
    FaultPlan plan = FaultPlan.none(400 + step.ordinal()).with(crash, crash.compacts() ? 1.0 : 0.25);
    FaultReport report = round
        ? assertExact(layout, WindowedJobInput.waves().pausedAfter(3, Duration.ofMillis(2_500)),
            plan.withInTicks(crash, 1.0), crash)
        : assertExact(layout, WindowedJobInput.waves(), plan, crash);
    if (round) {
      assertThat(report.injectedInTicks().getOrDefault(crash, 0L)).as("crashes in ticks; %s", report).isPositive();
      assertThat(report.injected().get(crash)).as("crashes in batches too; %s", report)
          .isGreaterThan(report.injectedInTicks().get(crash));
    }
  }

  /**
   * Every kind of fault at once, with the source split between waves: crashes mid-write (timer index included, in the
   * per-key layout; a compaction's, in the log layout) and after record and round steps, redeliveries, zombie batches
   * and zombie ticks, throttling, partial PutRecords. The windowed stage reads a repartition stream, so the source
   * split leaves its shards alone in either layout.
   */
  @ParameterizedTest
  @EnumSource(StateLayout.class)
  void mixedFaultsWithZombieTicksAndASourceSplit(StateLayout layout) {
    FaultPlan plan = FaultPlan.none(422)
        .with(FaultKind.CRASH_AFTER_PROCESSED, 0.1)
        .with(FaultKind.CRASH_AFTER_OUTPUTS_WRITTEN, 0.1)
        .with(FaultKind.CRASH_AFTER_ROUND_PINNED, 0.1)
        .with(FaultKind.CRASH_AFTER_ROUND_OUTPUTS_WRITTEN, 0.15)
        .with(FaultKind.CRASH_AFTER_ROUND_STATE_WRITTEN, 0.15)
        .with(FaultKind.CRASH_MID_OUTPUTS, 0.1)
        .with(FaultKind.CRASH_MID_STATE, layout == StateLayout.LOG ? 0.15 : 0.05)
        .with(FaultKind.CRASH_MID_TIMER_INDEX, 0.2)
        .with(FaultKind.DUPLICATE_DELIVERY, 0.2)
        .with(FaultKind.RESPLIT_DELIVERY, 0.2)
        .with(FaultKind.ZOMBIE, 0.2)
        .withInTicks(FaultKind.ZOMBIE, 0.5)
        .with(FaultKind.DYNAMODB_THROTTLE, 0.03)
        .with(FaultKind.KINESIS_PARTIAL_FAILURE, 0.2)
        .with(FaultKind.SHARD_SPLIT, 1.0);
    if (layout == StateLayout.LOG) {
      plan = plan.with(FaultKind.CRASH_AFTER_SNAPSHOT_WRITTEN, 0.3).with(FaultKind.CRASH_AFTER_SNAPSHOT_COMMITTED, 0.3);
    }
    FaultReport report = assertExact(layout, WindowedJobInput.waves(), plan, FaultKind.SHARD_SPLIT);
    assertThat(report.injected()).containsKeys(layout == StateLayout.LOG ? FaultKind.CRASH_MID_STATE
        : FaultKind.CRASH_MID_TIMER_INDEX, FaultKind.ZOMBIE, FaultKind.RESPLIT_DELIVERY,
        FaultKind.KINESIS_PARTIAL_FAILURE);
    assertThat(report.injectedInTicks()).as(report.toString()).containsKey(FaultKind.ZOMBIE);
    assertThat(report.sinks()).extracting(SinkDiff::kind).contains("table", "stream", "dead-letters", "state",
        "time");
  }

  private static FaultReport assertExact(StateLayout layout, InputWaves waves, FaultPlan plan,
      FaultKind expectedFault) {
    FaultReport report = SharedHarness.check(WindowedJob.class, layout, waves, plan);
    assertThat(report.injected().getOrDefault(expectedFault, 0L)).as("faults of kind %s injected; %s",
        expectedFault, report).isPositive();
    assertThat(report.lost()).as(report.toString()).isZero();
    assertThat(report.duplicated()).as(report.toString()).isZero();
    assertThat(report.discardedRecords()).as(report.toString()).isZero();
    assertThat(report.exactlyOnce()).as(report.toString()).isTrue();
    return report;
  }

  /** The job's results computed from the input alone, in the form of the sinks' JSON. */
  private static final class Expected {
    final List<String> countRecords = new ArrayList<>();
    final List<String> countItems = new ArrayList<>();
    final List<String> sessions = new ArrayList<>();
    final List<String> late = new ArrayList<>();
    final List<String> lateSessions = new ArrayList<>();
    final List<String> alerts = new ArrayList<>();
    final Map<String, TreeSet<Long>> times = new TreeMap<>();

    Expected(InputWaves waves) {
      Map<String, TreeSet<Long>> onTime = new TreeMap<>();
      List<WindowedJob.Hit> slightlyLate = new ArrayList<>();
      for (int wave = 0; wave < waves.waves().size(); wave++) {
        for (WindowedJob.Hit hit : hits(waves.waves().get(wave).lines())) {
          times.computeIfAbsent(hit.user(), u -> new TreeSet<>()).add(hit.at());
          if (hit.user().equals(WindowedJobInput.LATE_USER)) {
            late.add(WindowedJobInput.json(hit));
            lateSessions.add(lateHit(hit));
          } else if (isLate(hit, wave)) {
            slightlyLate.add(hit);
            lateSessions.add(lateHit(hit));
          } else {
            onTime.computeIfAbsent(hit.user(), u -> new TreeSet<>()).add(hit.at());
          }
        }
      }
      onTime.forEach((user, own) -> {
        Map<Long, Long> counts = new TreeMap<>();
        own.forEach(at -> counts.merge(at - Math.floorMod(at, WindowedJob.SIZE), 1L, Long::sum));
        counts.forEach((start, n) -> {
          String first = count(user, start, n, 0);
          countRecords.add(first);
          long later = slightlyLate.stream().filter(h -> h.user().equals(user)
              && h.at() - Math.floorMod(h.at(), WindowedJob.SIZE) == start).count();
          countItems.add(later == 0 ? first : count(user, start, n + later, (int) later));
          for (int firing = 1; firing <= later; firing++) {
            countRecords.add(count(user, start, n + firing, firing));
          }
        });
        long start = own.first();
        long last = own.first();
        int hits = 0;
        for (long at : own) {
          if (at >= last + WindowedJob.GAP) {
            sessions.add(session(user, start, last + WindowedJob.GAP, hits));
            start = at;
            hits = 0;
          }
          last = at;
          hits++;
        }
        sessions.add(session(user, start, last + WindowedJob.GAP, hits));
      });
      // a timer fired before the slightly late hit arrived (at or below the watermark settled before it) did not see it
      Set<String> arrivedLate = new HashSet<>();
      slightlyLate.forEach(h -> arrivedLate.add(h.user() + "@" + h.at()));
      times.forEach((user, own) -> own.forEach(at -> {
        boolean firedBefore = at + WindowedJob.SILENCE <= WindowedJobInput.SETTLED_BEFORE_SLIGHTLY_LATE;
        Long next = own.higher(at);
        while (next != null && firedBefore && arrivedLate.contains(user + "@" + next)) {
          next = own.higher(next);
        }
        if (next == null || next > at + WindowedJob.SILENCE) {
          alerts.add("{\"id\":\"" + user + "@" + at + "\",\"user\":\"" + user + "\",\"silentSince\":" + at + "}");
        }
      }));
    }

    private static String count(String user, long start, long n, int firing) {
      return "{\"id\":\"" + user + "@" + start + "\",\"user\":\"" + user + "\",\"start\":" + start + ",\"end\":"
          + (start + WindowedJob.SIZE) + ",\"n\":" + n + ",\"firing\":" + firing + "}";
    }

    private static String session(String user, long start, long end, int hits) {
      return "{\"user\":\"" + user + "\",\"start\":" + start + ",\"end\":" + end + ",\"hits\":" + hits + "}";
    }

    private static String lateHit(WindowedJob.Hit hit) {
      return "{\"id\":\"" + hit.user() + "@" + hit.at() + "\",\"user\":\"" + hit.user() + "\",\"at\":" + hit.at()
          + "}";
    }
  }

  /** A hit that is late by design: a too-late one, or the slightly late one (first in its wave, before its span). */
  private static boolean isLate(WindowedJob.Hit hit, int wave) {
    return hit.at() < WindowedJobInput.T0 + wave * WindowedJobInput.WAVE_MILLIS;
  }

  /** The hits among {@code lines}, in order; lines that are not hits (dead letters) are left out. */
  private static List<WindowedJob.Hit> hits(List<String> lines) {
    List<WindowedJob.Hit> hits = new ArrayList<>();
    for (String line : lines) {
      try {
        JsonNode node = JSON.readTree(line);
        if (node.path("at").isNumber()) {
          hits.add(new WindowedJob.Hit(node.get("user").asText(), node.get("at").asLong()));
        }
      } catch (IOException e) {
        // not JSON: a dead letter by design
      }
    }
    return hits;
  }

  /** Stream payloads after dropping copies by identity. */
  private static List<String> distinct(List<SinkRecord> records) {
    Set<String> seen = new HashSet<>();
    List<String> payloads = new ArrayList<>();
    for (SinkRecord record : records) {
      if (record.identity().map(seen::add).orElse(true)) {
        payloads.add(record.data());
      }
    }
    return payloads;
  }

  /** JSON texts normalized (parsed and printed again) and sorted. */
  private static List<String> sorted(List<String> json) {
    return json.stream().map(text -> {
      try {
        return JSON.writeValueAsString(JSON.readTree(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).sorted().toList();
  }
}
