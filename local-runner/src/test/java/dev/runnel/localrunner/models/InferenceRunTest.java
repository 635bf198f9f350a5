package dev.runnel.localrunner.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.inference.InferenceMetrics;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.run.jobs.ReviewSentiment;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job with a served classifier and an in-process embedder, run on kinesis-local, DynamoDB Local and the local model
 * server: every review is classified and embedded, the model is asked once per review, and the summary shows it.
 */
class InferenceRunTest {
  private static final int REVIEWS = 60;
  private static final String[] TEXTS = {"I love it, great quality", "terrible, it arrived broken",
      "it is a phone case", "amazing value, perfect fit", "worst purchase, a scam", "ok I guess"};

  @TempDir
  static Path dir;

  private static LocalEmulators emulators;
  private static LocalModelServer server;
  private static Plan plan;
  private static RunSummary summary;

  @BeforeAll
  static void run() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < REVIEWS; i++) {
      lines.add("{\"id\":\"r" + i + "\",\"product\":\"p" + (i % 4) + "\",\"text\":\"" + TEXTS[i % TEXTS.length]
          + " #" + i + "\"}");
    }
    Path input = dir.resolve("reviews.jsonl");
    Files.write(input, lines, StandardCharsets.UTF_8);
    emulators = LocalEmulators.start();
    server = LocalModelServer.start(LocalModelServer.Config.defaults());
    plan = Planner.plan(ReviewSentiment.class);
    summary = new JobRun(plan, emulators.kinesis(), emulators.dynamoDb(), RunOptions.defaults()
        .withInputs(List.of(InputSource.file("reviews-in", input)))
        .withPollInterval(Duration.ofMillis(100))
        .withModels(LocalModelEndpoints.access(plan, server, Map.of()))).run();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (emulators != null) {
      emulators.close();
    }
  }

  @Test
  void everyReviewIsClassifiedAndEmbeddedWithTheModelAskedOncePerReview() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SummaryPrinter(3).print(summary, new PrintStream(out, true, StandardCharsets.UTF_8));
    System.out.println(out.toString(StandardCharsets.UTF_8));
    assertThat(summary.deadLetters()).isEmpty();
    assertThat(summary.sink("scored").orElseThrow().records()).hasSize(REVIEWS);
    assertThat(summary.sink("embedded").orElseThrow().records()).hasSize(REVIEWS)
        .allMatch(line -> line.contains("\"dimensions\":384"));
    assertThat(summary.sink("scored").orElseThrow().records())
        .filteredOn(line -> line.contains("\"id\":\"r0\"")).singleElement().asString().contains("positive");
    assertThat(server.log().total()).isEqualTo(REVIEWS);
    InferenceMetrics metrics = summary.models(plan.stages().get(0).id()).orElseThrow();
    assertThat(metrics.prompts()).isEqualTo(2L * REVIEWS);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("model calls");
  }
}
