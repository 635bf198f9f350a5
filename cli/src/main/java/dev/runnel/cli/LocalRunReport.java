package dev.runnel.cli;

import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.LocalRunException;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.Plan;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** Runs a plan locally, follows it on stderr and prints the summary on stdout; returns the exit code. */
final class LocalRunReport {
  private static final int RECORDS_PER_SINK = 8;

  private LocalRunReport() {}

  /**
   * Runs {@code plan} with {@code inputs} (bundled inputs for the other source streams), ticking stages with windows
   * or timers every {@code tickEvery}. The inputs are finite files, so the run declares the end of input once they
   * are drained, and every window fires.
   */
  static int run(Plan plan, List<InputSource> inputs, boolean allRecords, Duration tickEvery, PrintStream out,
      PrintStream err) {
    RunOptions options = RunOptions.defaults().withInputs(inputs).withProgress(line -> err.println("· " + line))
        .withTickEvery(tickEvery).withEndOfInput(true);
    try {
      RunSummary summary = LocalRunner.run(plan, options);
      err.println();
      new SummaryPrinter(allRecords ? 0 : RECORDS_PER_SINK).print(summary, out);
      out.flush();
      return ExitCodes.OK;
    } catch (LocalRunException e) {
      err.println("runnel: run failed: " + e.getMessage());
      if (e.getCause() != null && e.getCause() != e) {
        err.println("  cause: " + e.getCause());
      }
      return ExitCodes.FAILED_RUN;
    }
  }
}
