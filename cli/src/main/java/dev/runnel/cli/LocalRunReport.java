package dev.runnel.cli;

import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.localrunner.run.JobRun;
import dev.runnel.localrunner.run.LocalEmulators;
import dev.runnel.localrunner.run.LocalRunException;
import dev.runnel.localrunner.run.LocalRunner;
import dev.runnel.localrunner.run.StateDirectory;
import dev.runnel.localrunner.run.RunObserver;
import dev.runnel.localrunner.run.RunOptions;
import dev.runnel.localrunner.summary.RunSummary;
import dev.runnel.localrunner.summary.SinkContents;
import dev.runnel.localrunner.summary.SummaryPrinter;
import dev.runnel.plan.Plan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a plan locally, follows it on stderr and prints the summary on stdout; returns the exit code. */
final class LocalRunReport {
  private static final int RECORDS_PER_SINK = 8;

  /** What to do once the run's summary is printed, while the emulators still hold its streams and tables. */
  @FunctionalInterface
  interface AfterRun {
    /** Nothing. */
    AfterRun NOTHING = (summary, emulators, out) -> { };

    /** Reads what the run left in the emulators; an exception fails the command. */
    void accept(RunSummary summary, LocalEmulators emulators, PrintStream out);
  }

  /** A JSON array of numbers only, such as an embedding. */
  private static final Pattern NUMBER_ARRAY = Pattern.compile("\\[(-?[0-9][-+0-9.eE]*(?:,-?[0-9][-+0-9.eE]*)*)]");
  private static final int SHOWN_NUMBERS = 3;

  private LocalRunReport() {}

  /** The summary with long arrays of numbers (embeddings) in sink records shortened for the screen. */
  static RunSummary shortVectors(RunSummary summary) {
    List<SinkContents> sinks = summary.sinks().stream().map(sink -> new SinkContents(sink.name(), sink.kind(),
        sink.target(), sink.records().stream().map(LocalRunReport::shortVectors).toList())).toList();
    return new RunSummary(summary.plan(), summary.elapsed(), summary.inputs(), sinks, summary.deadLetters(),
        summary.discardedBatches(), summary.stages(), summary.models());
  }

  /** {@code [0.1,0.2,…]} of more than a few numbers becomes {@code [0.1,0.2,0.3,… 384 numbers]}. */
  static String shortVectors(String json) {
    Matcher matcher = NUMBER_ARRAY.matcher(json);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String[] numbers = matcher.group(1).split(",");
      String replacement = numbers.length <= 2 * SHOWN_NUMBERS ? matcher.group()
          : "[" + String.join(",", Arrays.asList(numbers).subList(0, SHOWN_NUMBERS)) + ",… " + numbers.length
              + " numbers]";
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * Runs {@code plan} with {@code inputs} (bundled inputs for the other source streams), ticking stages with windows
   * or timers every {@code tickEvery}. The inputs are finite files, so the run declares the end of input once they
   * are drained, and every window fires.
   */
  static int run(Plan plan, List<InputSource> inputs, boolean allRecords, Duration tickEvery, PrintStream out,
      PrintStream err) {
    return run(plan, inputs, allRecords, tickEvery, ModelAccess.fromProcess(), AfterRun.NOTHING, out, err);
  }

  /** The same, with the models reached through {@code models} and {@code after} run after the summary. */
  static int run(Plan plan, List<InputSource> inputs, boolean allRecords, Duration tickEvery, ModelAccess models,
      AfterRun after, PrintStream out, PrintStream err) {
    return run(plan, inputs, allRecords, tickEvery, models, null, after, FunctionFactory.REAL, out, err);
  }

  /**
   * The same, keeping the emulators' data in {@code stateDir} (null: in memory), so that a killed run started again
   * with it resumes, and with the stage functions made by {@code functions} (in this JVM, or isolated in their own).
   */
  static int run(Plan plan, List<InputSource> inputs, boolean allRecords, Duration tickEvery, ModelAccess models,
      Path stateDir, AfterRun after, FunctionFactory functions, PrintStream out, PrintStream err) {
    return run(plan, inputs, allRecords, tickEvery, models, stateDir, after, functions, null, out, err);
  }

  /** The same, followed by {@code dashboard} (null: none) while it runs; the dashboard keeps the final figures. */
  static int run(Plan plan, List<InputSource> inputs, boolean allRecords, Duration tickEvery, ModelAccess models,
      Path stateDir, AfterRun after, FunctionFactory functions, LiveDashboard dashboard, PrintStream out,
      PrintStream err) {
    RunOptions options = RunOptions.defaults().withInputs(inputs).withProgress(line -> err.println("· " + line))
        .withTickEvery(tickEvery).withEndOfInput(true).withModels(models).withStateDir(stateDir)
        .withFunctions(functions);
    long started = System.nanoTime();
    try {
      try (StateDirectory state = stateDir == null ? null : StateDirectory.open(stateDir, plan.job());
           LocalEmulators emulators = LocalRunner.start(state, options)) {
        RunSummary run;
        try {
          run = new JobRun(plan, emulators.kinesis(), emulators.dynamoDb(), emulators.functionClients(), options,
              dashboard == null ? RunObserver.NONE : dashboard.observer()).run();
        } finally {
          if (dashboard != null) {
            dashboard.runEnded();
          }
        }
        RunSummary summary = new RunSummary(run.plan(), Duration.ofNanos(System.nanoTime() - started),
            run.inputs(), run.sinks(), run.deadLetters(), run.discardedBatches(), run.stages(), run.models());
        err.println();
        new SummaryPrinter(allRecords ? 0 : RECORDS_PER_SINK).print(allRecords ? summary : shortVectors(summary),
            out);
        out.flush();
        after.accept(summary, emulators, out);
        out.flush();
      }
      return ExitCodes.OK;
    } catch (LocalRunException e) {
      printFailure(e, err);
      return ExitCodes.FAILED_RUN;
    }
  }

  /** The run's failure, and its cause unless the message already says what the cause says. */
  static void printFailure(LocalRunException e, PrintStream err) {
    err.println("runnel: run failed: " + e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause != e && (cause.getMessage() == null || !e.getMessage().contains(cause.getMessage()))) {
      err.println("  cause: " + cause);
    }
  }
}
