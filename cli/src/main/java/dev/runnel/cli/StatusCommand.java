package dev.runnel.cli;

import dev.runnel.operations.status.JobStatus;
import dev.runnel.operations.status.StatusReader;
import dev.runnel.operations.target.JobTarget;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code runnel status <JobClass> (--state-dir DIR | --stack NAME --region R) [--json]}: where each stage of a job
 * stands on each shard, its dead letters, model calls and cost.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show a running or stopped job: per stage and shard the committed position and its age, the lag "
        + "behind the stream's tip, the watermark; per stage its dead letters, model calls and cost so far.")
final class StatusCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_CLASS", description = "The job's fully qualified class name.")
  private String jobClass;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @CommandLine.Mixin
  private JobTargetOptions where;

  @Override
  public Integer call() {
    var plan = JobClassArgument.plan(spec.commandLine(), jobClass, classes);
    try (JobTarget target = where.open(spec.commandLine(), plan)) {
      JobStatus status = new StatusReader(target, Clock.systemUTC()).read();
      if (where.json) {
        JsonOutput.print(status, spec.commandLine().getOut());
      } else {
        StatusPrinter.print(status, spec.commandLine().getOut());
      }
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
