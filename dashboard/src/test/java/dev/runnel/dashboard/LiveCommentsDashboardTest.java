package dev.runnel.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runnel.dashboard.local.LocalRunFigures;
import dev.runnel.examples.comments.LiveComments;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.models.LocalModelEndpoints;
import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SinkContents;
import dev.runnel.localrunner.summary.StageCounts;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a real local run of {@code LiveComments} (kinesis-local, DynamoDB Local, the local model server)
 * in headless Chromium: the page is open before the run starts, shows the plan's graph, follows the figures as the
 * run goes (read from the DOM several times), and ends with the run's own counts, its dead letter with the payload,
 * and one sentiment-per-minute chart per live stream. A screenshot of the end goes to {@code target/}, and to the
 * path in the system property {@code runnel.dashboard.screenshot} when given (the README's docs/live-dashboard.png).
 */
class LiveCommentsDashboardTest {
  private static final String BROKEN_LINE = "{\"streamId\":\"live-101\",\"user\":\"zed\",\"text\":\"wow\", BROKEN";

  @TempDir
  Path temp;

  @Test
  void thePageFollowsALiveCommentsRunFromGraphToFinalFigures() throws Exception {
    StringBuilder why = new StringBuilder();
    String chromium = HeadlessChromium.installed(why);
    Assumptions.assumeTrue(chromium != null, "headless Chromium is not available, the dashboard is not tested: " + why);

    Plan plan = Planner.plan(LiveComments.class);
    Path input = temp.resolve("comments-in.jsonl");
    try (InputStream bundled = getClass().getClassLoader().getResourceAsStream(
        "runnel/inputs/comments/comments-in.jsonl")) {
      Files.writeString(input, new String(bundled.readAllBytes(), StandardCharsets.UTF_8).strip() + "\n" + BROKEN_LINE
          + "\n");
    }
    LocalRunFigures figures = new LocalRunFigures(plan, Clock.systemUTC());
    try (LocalModelServer server = LocalModelServer.start(LocalModelServer.Config.defaults());
         LocalEmulators emulators = LocalEmulators.start();
         Dashboard dashboard = Dashboard.start(figures, 0, Duration.ofMillis(300));
         HeadlessChromium page = HeadlessChromium.open(chromium, dashboard.url(), 1400, 1000)) {
      awaitTrue(page, "document.querySelectorAll('#graph g.node').length > 0", Duration.ofSeconds(15));
      JsonNode nodes = page.evaluate("[...document.querySelectorAll('#graph g.node')].map(n => n.dataset.id)");
      List<String> ids = new ArrayList<>();
      nodes.forEach(n -> ids.add(n.asText()));
      List<String> expectedIds = new ArrayList<>(List.of("comments-in"));
      plan.stages().forEach(stage -> expectedIds.add(stage.id()));
      plan.stages().forEach(stage -> stage.outputs().stream().filter(o -> o.kind() != dev.runnel.plan.OutputKind
          .REPARTITION).forEach(o -> expectedIds.add("sink:" + o.name())));
      assertThat(ids).containsExactlyInAnyOrderElementsOf(expectedIds);
      assertThat(page.evaluate("[...document.querySelectorAll('#graph .edge-label')].map(e => e.textContent)")
          .toString()).contains("key: streamId");

      String firstStage = plan.stages().get(0).id();
      RunOptions options = RunOptions.defaults().withPollInterval(Duration.ofMillis(100))
          .withInputs(List.of(InputSource.file("comments-in", input)))
          .withModels(LocalModelEndpoints.access(plan, server, Map.of()));
      CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> new JobRun(plan, emulators.kinesis(),
          emulators.dynamoDb(), emulators.functionClients(), options, figures).run());

      Set<String> seenIn = new LinkedHashSet<>();
      Set<String> seenStatus = new LinkedHashSet<>();
      String inCell = "document.querySelector('#stages tr[data-stage=\"" + firstStage + "\"] .in')?.textContent ?? ''";
      while (!run.isDone()) {
        seenIn.add(page.evaluate(inCell).asText());
        seenStatus.add(page.evaluate("document.getElementById('status').textContent").asText());
        Thread.sleep(150);
      }
      RunSummary summary = run.get(1, TimeUnit.SECONDS);
      figures.finish();
      dashboard.refresh();
      awaitTrue(page, "document.getElementById('status').textContent === 'finished'", Duration.ofSeconds(10));

      StageCounts first = summary.stages().get(0);
      String finalIn = page.evaluate(inCell).asText();
      assertThat(finalIn).isEqualTo(String.format("%,d", first.recordsIn()));
      seenIn.remove("");
      assertThat(seenIn).as("records in of %s as the page showed them during the run", firstStage)
          .hasSizeGreaterThanOrEqualTo(2).contains(finalIn);
      assertThat(seenStatus).contains("running");
      assertThat(page.evaluate("[...document.querySelectorAll('#stages .pending')].map(c => c.textContent)")
          .toString()).as("records pending once the run is over").isEqualTo("[\"0\",\"0\"]");
      assertThat(page.evaluate("Number(document.getElementById('updates').textContent)").asInt())
          .isGreaterThan(3);

      assertThat(summary.deadLetters()).hasSize(1);
      assertThat(page.evaluate("[...document.querySelectorAll('#dead-letters .payload')].map(p => p.textContent)")
          .toString()).contains("BROKEN");
      assertThat(page.evaluate("document.querySelector('#models tbody td:nth-child(2)').textContent").asText())
          .isEqualTo(String.format("%,d", summary.models().values().iterator().next().prompts()));

      SinkContents perMinute = summary.sinks().stream().filter(s -> s.name().equals("comments-sentiment-per-minute"))
          .findFirst().orElseThrow();
      Map<String, Long> minutesPerStream = perMinute.records().stream().map(r -> {
        try {
          return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r).path("streamId").asText();
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }).collect(Collectors.groupingBy(s -> s, java.util.TreeMap::new, Collectors.counting()));
      JsonNode charted = page.evaluate("Object.fromEntries([...document.querySelectorAll('#charts .chart')].map(box =>"
          + " [box.dataset.chart.split('|')[1], Chart.getChart(box.querySelector('canvas')).data.labels.length]))");
      Map<String, Long> chartedMinutes = new java.util.TreeMap<>();
      charted.fields().forEachRemaining(e -> chartedMinutes.put(e.getKey(), e.getValue().asLong()));
      assertThat(chartedMinutes).isEqualTo(minutesPerStream).hasSizeGreaterThan(1);

      page.screenshot(Path.of("target", "live-dashboard.png"));
      String docs = System.getProperty("runnel.dashboard.screenshot");
      if (docs != null && !docs.isBlank()) {
        page.screenshot(Path.of(docs));
      }
    }
  }

  private static void awaitTrue(HeadlessChromium page, String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!page.evaluate(expression).asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page never had " + expression + " within " + timeout + "; it shows: "
            + page.evaluate("document.body.innerText"));
      }
      Thread.sleep(100);
    }
  }
}
