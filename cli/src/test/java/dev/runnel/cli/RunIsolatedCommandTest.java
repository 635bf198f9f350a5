package dev.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code runnel run <job> --isolated} runs the job's functions in their own JVMs on the emulators. */
class RunIsolatedCommandTest {

  @Test
  void runsClickCountsWithEachFunctionInItsOwnJvm() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = RunnelCommand.execute("run", "dev.runnel.examples.clicks.ClickCounts", "--isolated");
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(summary).contains("clicks-per-user", "clicks-console");
    System.out.println(summary.lines().limit(30).reduce("", (a, b) -> a + b + "\n"));
  }
}
