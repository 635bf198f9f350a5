package dev.runnel.cli;

import dev.runnel.dashboard.Dashboard;
import dev.runnel.operations.figures.DeployedJobFigures;
import dev.runnel.operations.target.JobTarget;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runnel ui <JobClass> (--stack NAME --region R | --state-dir DIR) [--ui-port P] [--every PT10S]}: the web
 * dashboard of a deployed job (or of a local run's directory), on loopback until Ctrl-C.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
    description = "Serve the web dashboard of a deployed job on loopback (its URL is printed) until Ctrl-C: the job "
        + "graph, per stage and shard the committed position, lag and watermark, the dead letters with payloads, "
        + "and the records, model calls and cost its functions published to CloudWatch.")
final class UiCommand implements Callable<Integer> {
  private static final Duration FASTEST = Duration.ofSeconds(1);

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_CLASS", description = "The job's fully qualified class name.")
  private String jobClass;

  @CommandLine.Mixin
  private JobTargetOptions where;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "0",
      description = "The dashboard's port on 127.0.0.1 (default: a free port).")
  private int uiPort;

  @Option(names = "--every", paramLabel = "DURATION", defaultValue = "PT10S",
      description = "How often the figures are read (ISO-8601, default PT10S; at least PT1S). Each read is one "
          + "ListMetrics and one GetMetricData, two Kinesis reads per shard and a scan of the dead-letter table.")
  private String every;

  @Override
  public Integer call() {
    Duration interval;
    try {
      interval = Duration.parse(every);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--every takes an ISO-8601 duration such as "
          + "PT10S, not '" + every + "'");
    }
    if (interval.compareTo(FASTEST) < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--every must be at least PT1S, not " + every);
    }
    if (uiPort < 0 || uiPort > 65_535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--ui-port must be 0..65535, not " + uiPort);
    }
    var plan = JobClassArgument.plan(spec.commandLine(), jobClass, classes);
    PrintWriter out = spec.commandLine().getOut();
    try (JobTarget target = where.open(spec.commandLine(), plan);
         Dashboard dashboard = start(new DeployedJobFigures(target, Clock.systemUTC()), interval)) {
      out.println("job " + plan.job() + " · " + target.description());
      out.println("· dashboard: " + dashboard.url() + " (read every " + Durations.of(interval.toMillis())
          + "); Ctrl-C to stop");
      out.flush();
      new CountDownLatch(1).await();
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private Dashboard start(DeployedJobFigures figures, Duration interval) {
    try {
      return Dashboard.start(figures, uiPort, interval);
    } catch (java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
