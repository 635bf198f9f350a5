package dev.runnel.cli;

import dev.runnel.localrunner.input.InputSource;
import dev.runnel.localrunner.run.FunctionFactory;
import dev.runnel.locallambda.IsolatedFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runnel run <JobClass> [--input stream=path]... [--state-dir DIR] [--isolated] [--local-model-server]
 * [--model-endpoint NAME=URL]... [--ui [--ui-port PORT]]}: plans a job and runs it locally, its functions in this JVM or
 * each in its own ({@code --isolated}), followed on a live dashboard with {@code --ui}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Plan a job class and run it locally on the emulators, then print what it produced.")
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_CLASS", description = "The job's fully qualified class name.")
  private String jobClass;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @Option(names = "--input", paramLabel = "STREAM=PATH",
      description = "JSON-lines file to feed into a source stream, one record per line. Repeatable. A source "
          + "stream without one gets the job's bundled runnel/inputs/<job>/<stream>.jsonl, if any.")
  private List<String> inputs = new ArrayList<>();

  @Option(names = "--all", description = "Print every record of every sink, not the first few.")
  private boolean all;

  @Option(names = "--tick-every", paramLabel = "DURATION", defaultValue = "PT1S",
      description = "How often stages with windows or timers are ticked, an ISO-8601 duration (default: "
          + "${DEFAULT-VALUE}). AWS ticks every 'tick' of the job (at least a minute); locally faster, so that the "
          + "run ends in seconds. Once the inputs are drained the run declares their end, so every window fires.")
  private String tickEvery;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Keep the emulators' data (streams, state, checkpoints, sink tables) in DIR instead of in memory. "
          + "A run killed and started again with the same DIR resumes where it stopped and ends with the results of "
          + "an uninterrupted run. One run at a time per DIR.")
  private java.nio.file.Path stateDir;

  @Option(names = "--isolated",
      description = "Run each stage function instance (one per shard) and each tick function in its own JVM, as "
          + "Lambda runs them: the AWS runtime interface client against a local Runtime API, the function's memory "
          + "as heap limit, its timeout enforced by killing the process, credentials from a local "
          + "container-credentials endpoint only. Slower to start; see docs/local-lambda.md.")
  private boolean isolated;

  @Option(names = "--ui",
      description = "Serve a live dashboard of the run on loopback (its URL is printed): the job graph, per-stage "
          + "rates and lag, watermarks, checkpoints, dead letters with payloads, model calls, sink previews and a "
          + "chart per window key. After the run it keeps showing the final figures until Ctrl-C.")
  private boolean ui;

  @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "0",
      description = "The dashboard's port on 127.0.0.1 (default: a free port).")
  private int uiPort;

  @CommandLine.Mixin
  private ModelOptions models;

  @Override
  public Integer call() {
    var plan = JobClassArgument.plan(spec.commandLine(), jobClass, classes);
    List<InputSource> sources = new ArrayList<>();
    for (String input : inputs) {
      try {
        sources.add(InputSource.parse(input));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    try {
      dev.runnel.localrunner.input.SourceInputs.resolve(plan, sources, Thread.currentThread().getContextClassLoader());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    java.time.Duration every;
    try {
      every = java.time.Duration.parse(tickEvery);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tick-every takes an ISO-8601 duration such as "
          + "PT1S or PT0.5S, not '" + tickEvery + "'");
    }
    if (every.isNegative() || every.isZero()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tick-every must be positive, not " + tickEvery);
    }
    if (uiPort < 0 || uiPort > 65_535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--ui-port must be 0..65535, not " + uiPort);
    }
    LiveDashboard opened;
    try {
      opened = ui ? LiveDashboard.open(plan, uiPort) : null;
    } catch (java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try (LiveDashboard dashboard = opened;
         ModelOptions.Session session = models.open(spec.commandLine(), plan, System.err)) {
      if (dashboard != null) {
        System.err.println("· dashboard: " + dashboard.url());
      }
      int code = LocalRunReport.run(plan, sources, all, every, session.access(), stateDir,
          LocalRunReport.AfterRun.NOTHING, isolated ? IsolatedFunctions.DEFAULT : FunctionFactory.REAL, dashboard,
          System.out, System.err);
      if (dashboard != null) {
        System.err.println("· the dashboard shows the final figures at " + dashboard.url() + "; Ctrl-C to stop");
        awaitInterrupt();
      }
      return code;
    } catch (ModelOptions.MissingKeys e) {
      return ModelOptions.report(e, System.err);
    }
  }

  /** Waits until the process is stopped (Ctrl-C), keeping the dashboard up. */
  private static void awaitInterrupt() {
    try {
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
