package dev.runnel.cli;

import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.LocalRunException;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.Plan;
import java.io.PrintStream;
import java.util.List;

/** Runs a plan locally, follows it on stderr and prints the summary on stdout; returns the exit code. */
final class LocalRunReport {
  private static final int RECORDS_PER_SINK = 8;

  private LocalRunReport() {}

  /** Runs {@code plan} with {@code inputs} (bundled inputs for the other source streams). */
  static int run(Plan plan, List<InputSource> inputs, boolean allRecords, PrintStream out, PrintStream err) {
    RunOptions options = RunOptions.defaults().withInputs(inputs).withProgress(line -> err.println("· " + line));
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
