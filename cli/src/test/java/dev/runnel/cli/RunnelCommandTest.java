package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes and what it prints, without starting emulators. */
class RunnelCommandTest {
  private static final String ORDERS = "dev.runnel.examples.orders.OrderRouting";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void captureConsole() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreConsole() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void explainsAJobAsTextMermaidAndJson() {
    assertThat(RunnelCommand.execute("explain", ORDERS)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("stage orders-1", "stage orders-2");
    out.reset();
    assertThat(RunnelCommand.execute("explain", ORDERS, "--format", "mermaid")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("flowchart");
    out.reset();
    assertThat(RunnelCommand.execute("explain", ORDERS, "--format", "json")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"format\" : \"runnel.plan/v1\"");
  }

  @Test
  void aMissingJobClassIsAUsageError() {
    assertThat(RunnelCommand.execute("explain", "com.example.NoSuchJob")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no job class 'com.example.NoSuchJob'");
  }

  @Test
  void aJobThePlannerRejectsIsAUsageErrorWithThePlannersMessageAlone() {
    for (String command : new String[] {"run", "explain", "template"}) {
      err.reset();
      assertThat(RunnelCommand.execute(command, "dev.runnel.cli.jobs.BadlyNamedJob")).as(command).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).as(command)
          .startsWith("runnel: ").contains("cannot be planned", "BadlyNamedJob", "lower-case letters")
          .doesNotContain("Usage:");
    }
  }

  @Test
  void aMistakenCommandLineStillShowsTheUsage() {
    assertThat(RunnelCommand.execute("explain", ORDERS, "--format", "pdf")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage:");
  }

  @Test
  void anInputForAStreamThatIsNotASourceIsAUsageError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.jsonl"), "{}\n");
    assertThat(RunnelCommand.execute("run", ORDERS, "--input", "orders-route=" + file)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a source stream of job orders");
    assertThat(RunnelCommand.execute("run", ORDERS, "--input", "orders-in")).isEqualTo(2);
    assertThat(RunnelCommand.execute("frobnicate")).isEqualTo(2);
    assertThat(RunnelCommand.execute()).isEqualTo(2);
  }

  @Test
  void aDashboardPortThatIsTakenIsAUsageErrorSayingWhatToChange() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(RunnelCommand.execute("run", ORDERS, "--ui", "--ui-port", String.valueOf(taken.getLocalPort())))
          .isEqualTo(2);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("the dashboard cannot listen on 127.0.0.1:",
        "give another --ui-port, or 0 for a free one");
    assertThat(RunnelCommand.execute("run", ORDERS, "--ui-port", "70000")).isEqualTo(2);
  }

  @Test
  void aTickPeriodThatIsNotAPositiveDurationIsAUsageError() {
    assertThat(RunnelCommand.execute("run", ORDERS, "--tick-every", "1s")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--tick-every takes an ISO-8601 duration");
    assertThat(RunnelCommand.execute("run", ORDERS, "--tick-every", "PT0S")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--tick-every must be positive");
  }

  @Test
  void runsHelpMentionsTheTickPeriodAndTheEndOfInput() {
    assertThat(RunnelCommand.execute("run", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--tick-every", "PT1S", "declares", "--isolated",
        "its own JVM");
  }

  @Test
  void aServedModelWhoseKeyVariableIsUnsetStopsTheRunWithTheVariableAndTheFlags() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("OPENAI_API_KEY") == null);
    assertThat(RunnelCommand.execute("run", "dev.runnel.examples.comments.LiveComments")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("OPENAI_API_KEY, which is not set",
        "--local-model-server", "--model-endpoint chat=URL").doesNotContain("Usage:");
  }

  @Test
  void aModelEndpointMustBeNameEqualsUrlOfAModelTheJobServes() {
    assertThat(RunnelCommand.execute("run", "dev.runnel.examples.comments.LiveComments", "--model-endpoint",
        "chat")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--model-endpoint takes NAME=URL");
    assertThat(RunnelCommand.execute("run", "dev.runnel.examples.comments.LiveComments", "--model-endpoint",
        "gpt=http://localhost:11434/v1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no served model 'gpt'", "[chat]");
  }

  @Test
  void nearestNeedsAJobWithOneVectorTable() {
    assertThat(RunnelCommand.execute("nearest", "dev.runnel.examples.clicks.ClickCounts", "anything")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("has 0 vector tables");
    assertThat(RunnelCommand.execute("nearest", "dev.runnel.examples.rag.RagIndexer", "x", "--k", "0")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--k must be at least 1");
  }

  @Test
  void longNumberArraysAreShortenedOnScreen() {
    assertThat(LocalRunReport.shortVectors("{\"id\":\"a\",\"vector\":[0.1,-0.2,3.0E-4,4,5,6,7],\"n\":[1,2]}"))
        .isEqualTo("{\"id\":\"a\",\"vector\":[0.1,-0.2,3.0E-4,… 7 numbers],\"n\":[1,2]}");
  }
}
