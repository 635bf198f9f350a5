package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.localrunner.run.LocalRunException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A failed run is reported once: the cause is printed only when it adds something. */
class LocalRunReportTest {
  private static String printed(LocalRunException failure) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LocalRunReport.printFailure(failure, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aCauseTheMessageAlreadyQuotesIsNotPrintedAgain() {
    String cause = "1 records of in.jsonl (line 3) could not be written to stream orders-in after 10 attempts";
    String out = printed(new LocalRunException("job orders failed: " + cause, new IllegalStateException(cause)));
    assertThat(out).isEqualTo("runnel: run failed: job orders failed: " + cause + System.lineSeparator());
  }

  @Test
  void aCauseWithMoreToSayIsPrinted() {
    String out = printed(new LocalRunException("job orders did not go quiet",
        new java.util.concurrent.TimeoutException("stage orders-2 still busy")));
    assertThat(out).contains("runnel: run failed: job orders did not go quiet")
        .contains("  cause: java.util.concurrent.TimeoutException: stage orders-2 still busy");
  }
}
