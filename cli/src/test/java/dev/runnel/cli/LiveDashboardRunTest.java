package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --ui} as the CLI runs it, on the emulators: the dashboard follows the run and, once the run has ended and
 * its emulators have stopped, still serves the page, the vendored chart library and the run's final figures.
 */
class LiveDashboardRunTest {
  private static final int LINES = 12;

  @Test
  void theDashboardKeepsTheFinalFiguresOfTheRunAfterItsEmulatorsStopped(@TempDir Path dir) throws Exception {
    Plan plan = Planner.plan(Class.forName("dev.runnel.examples.pageviews.PageViews"));
    Path input = dir.resolve("pageviews.jsonl");
    try (InputStream bundled = getClass().getClassLoader().getResourceAsStream(
        "runnel/inputs/pageviews/pageviews-in.jsonl")) {
      List<String> lines = new String(bundled.readAllBytes(), StandardCharsets.UTF_8).lines().limit(LINES).toList();
      Files.write(input, lines);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    HttpClient http = HttpClient.newHttpClient();
    try (LiveDashboard dashboard = LiveDashboard.open(plan, 0)) {
      int code = LocalRunReport.run(plan, List.of(InputSource.file("pageviews-in", input)), false,
          RunOptions.DEFAULT_TICK_EVERY, ModelAccess.fromProcess(), null, LocalRunReport.AfterRun.NOTHING,
          FunctionFactory.REAL, dashboard, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();

      JsonNode figures = new ObjectMapper().readTree(get(http, dashboard.url().resolve("/api/figures")).body());
      assertThat(figures.path("status").asText()).isEqualTo("finished");
      assertThat(figures.path("stages").size()).isEqualTo(plan.stages().size());
      JsonNode first = figures.path("stages").get(0);
      assertThat(first.path("stage").asText()).isEqualTo(plan.stages().get(0).id());
      assertThat(first.path("recordsIn").asLong()).isEqualTo(LINES);
      assertThat(first.path("shards").size()).isEqualTo(plan.stream("pageviews-in").orElseThrow().shards());

      HttpResponse<String> page = get(http, dashboard.url());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("/static/dashboard.js", "/static/vendor/chart.umd.min.js");
      HttpResponse<String> chart = get(http, dashboard.url().resolve("/static/vendor/chart.umd.min.js"));
      assertThat(chart.statusCode()).isEqualTo(200);
      assertThat(chart.body()).contains("Chart.js");
      assertThat(get(http, dashboard.url().resolve("/static/../pom.xml")).statusCode()).isEqualTo(404);
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
