package dev.runnel.cli;

import dev.runnel.operations.target.JobTarget;
import dev.runnel.operations.target.LocalRunTarget;
import dev.runnel.operations.target.StackTarget;
import dev.runnel.plan.Plan;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the operations commands find a job: {@code --state-dir DIR} (a local run) or {@code --stack NAME --region R}
 * (a deployed stack, {@code --endpoint-url} for an emulator), and {@code --json} for scripts.
 */
final class JobTargetOptions {
  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "The state directory of a local run (`runnel run ... --state-dir DIR`), running or not.")
  private Path stateDir;

  @Option(names = "--stack", paramLabel = "NAME", description = "The CloudFormation stack the job is deployed in.")
  private String stack;

  @Option(names = "--region", paramLabel = "REGION",
      description = "The stack's region (default: AWS_REGION or AWS_DEFAULT_REGION).")
  private String region;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "Send every AWS request to URL instead of AWS (an emulator such as moto_server).")
  private URI endpoint;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  /**
   * Opens the job's target; a missing or doubled choice, or a directory or stack that does not hold the job, is a
   * usage error (exit 2) saying what to give.
   */
  JobTarget open(CommandLine commandLine, Plan plan) {
    if ((stateDir == null) == (stack == null)) {
      throw new CommandLine.ParameterException(commandLine, "give either --state-dir DIR (a local run) or --stack "
          + "NAME --region REGION (a deployed job)");
    }
    try {
      if (stateDir != null) {
        return LocalRunTarget.open(plan, stateDir);
      }
      String awsRegion = region != null ? region
          : System.getenv("AWS_REGION") != null ? System.getenv("AWS_REGION") : System.getenv("AWS_DEFAULT_REGION");
      if (awsRegion == null) {
        throw new CommandLine.ParameterException(commandLine, "--stack needs --region (or AWS_REGION)");
      }
      return StackTarget.open(plan, stack, awsRegion, endpoint);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandLine, e.getMessage());
    }
  }
}
