package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.jobs.ClockedClicks;
import dev.runnel.localrunner.run.jobs.CountedReadings;
import dev.runnel.localrunner.run.jobs.EarlyCounts;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Count windows and processing-time windows run by the local runner on kinesis-local and DynamoDB Local, on jobs
 * without event time. Count windows: each device gets floor(n / 3) windows of 3 readings, numbered 0, 3, 6, ..., no
 * reading in two windows (which readings share a window depends on the order the two source shards' records reach
 * the device's shard). Processing-time windows: every click is in exactly one window of its page, and each (page,
 * second) fires once; ticks every 1.1 s pin a round each, so the last windows fire before the run goes quiet. Early
 * firings by count of event-time windows: whatever the order of a key's events, a window fires early with 3, 6, ...
 * events (firings 0, 1, ...), then once on time with the reference count.
 */
class WindowKindsRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void countWindowsHoldThreeReadingsEachAndAPartialOneNeverFires() throws Exception {
    List<String> lines = new ArrayList<>();
    Map<String, Integer> perDevice = new TreeMap<>();
    for (int i = 0; i < 40; i++) {
      String device = "d" + (i * 7 % 5);
      perDevice.merge(device, 1, Integer::sum);
      lines.add("{\"device\":\"" + device + "\",\"value\":" + i + "}");
    }
    Path input = dir.resolve("cr-in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Plan plan = Planner.plan(CountedReadings.class);

    RunSummary summary = LocalRunner.run(plan, RunOptions.defaults()
        .withInputs(List.of(InputSource.file("cr-in", input)))
        .withPollInterval(Duration.ofMillis(100)));
    new SummaryPrinter(3).print(summary, System.out);

    assertThat(summary.deadLetters()).isEmpty();
    Map<String, Set<Long>> starts = new TreeMap<>();
    Set<Integer> seen = new HashSet<>();
    int values = 0;
    for (String item : summary.sink("cr-batches").orElseThrow().records()) {
      JsonNode batch = JSON.readTree(item);
      assertThat(batch.get("values")).as(item).hasSize(CountedReadings.SIZE);
      starts.computeIfAbsent(batch.get("device").asText(), d -> new TreeSet<>()).add(batch.get("first").asLong());
      for (JsonNode value : batch.get("values")) {
        seen.add(value.asInt());
        values++;
      }
    }
    assertThat(seen).as("no reading in two windows").hasSize(values);
    Map<String, Set<Long>> expected = new TreeMap<>();
    perDevice.forEach((device, n) -> {
      Set<Long> firsts = new TreeSet<>();
      for (long first = 0; first + CountedReadings.SIZE <= n; first += CountedReadings.SIZE) {
        firsts.add(first);
      }
      expected.put(device, firsts);
    });
    assertThat(starts).isEqualTo(expected);
  }

  @Test
  void processingTimeWindowsHoldEveryClickOnce() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      lines.add("{\"page\":\"p" + (i % 4) + "\",\"n\":" + i + "}");
    }
    Path input = dir.resolve("cc-in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Plan plan = Planner.plan(ClockedClicks.class);

    RunSummary summary = LocalRunner.run(plan, RunOptions.defaults()
        .withInputs(List.of(InputSource.file("cc-in", input)))
        .withPollInterval(Duration.ofMillis(100))
        .withTickEvery(Duration.ofMillis(1_100)));
    new SummaryPrinter(3).print(summary, System.out);

    assertThat(summary.deadLetters()).isEmpty();
    Map<String, Integer> windowsById = new HashMap<>();
    Map<Integer, String> pageOfClick = new TreeMap<>();
    for (String item : summary.sink("cc-seconds").orElseThrow().records()) {
      JsonNode second = JSON.readTree(item);
      windowsById.merge(second.get("id").asText(), 1, Integer::sum);
      assertThat(second.get("start").asLong() % 1_000).as(item).isZero();
      for (JsonNode click : second.get("clicks")) {
        assertThat(pageOfClick.put(click.asInt(), second.get("page").asText())).as("click %s in one window", click)
            .isNull();
      }
    }
    assertThat(windowsById.values()).as("each (page, second) fires once").containsOnly(1);
    assertThat(pageOfClick).hasSize(lines.size());
    pageOfClick.forEach((n, page) -> assertThat(page).isEqualTo("p" + (n % 4)));
  }

  @Test
  void earlyFiringsByCountPrecedeTheReferenceCountOnTime() throws Exception {
    List<String> lines = WindowInputs.events(200, 20261207);
    Path input = dir.resolve("e-in.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Plan plan = Planner.plan(EarlyCounts.class);

    RunSummary summary = LocalRunner.run(plan, RunOptions.defaults()
        .withInputs(List.of(InputSource.file("e-in", input)))
        .withPollInterval(Duration.ofMillis(100))
        .withTickEvery(Duration.ofMillis(500)));
    new SummaryPrinter(3).print(summary, System.out);

    assertThat(summary.deadLetters()).isEmpty();
    Map<String, Map<Integer, String>> firings = new TreeMap<>();
    for (String line : summary.sink("e-firings").orElseThrow().records()) {
      JsonNode firing = JSON.readTree(line);
      String was = firings.computeIfAbsent(firing.get("id").asText(), id -> new TreeMap<>())
          .put(firing.get("firing").asInt(), firing.get("timing").asText() + " " + firing.get("count").asLong());
      assertThat(was).as("firing %s once", line).isNull();
    }
    Map<String, Map<Integer, String>> expected = new TreeMap<>();
    WindowInputs.counts(lines).forEach((window, n) -> {
      Map<Integer, String> each = new TreeMap<>();
      int early = (int) (n / EarlyCounts.EARLY_COUNT);
      for (int i = 0; i < early; i++) {
        each.put(i, "EARLY " + (long) (i + 1) * EarlyCounts.EARLY_COUNT);
      }
      each.put(early, "ON_TIME " + n);
      expected.put(window, each);
    });
    assertThat(firings).isEqualTo(expected);
  }
}
