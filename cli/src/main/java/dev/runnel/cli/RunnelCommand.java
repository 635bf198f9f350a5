package dev.runnel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code runnel} command: runs jobs locally on real AWS API emulators, explains their plans and
 * writes their SAM templates; shows a running or deployed job, its dead letters and its keyed state. */
@Command(
    name = "runnel",
    mixinStandardHelpOptions = true,
    version = "runnel 0.1.0-SNAPSHOT",
    description = "Exactly-once stream processing on AWS Lambda, Kinesis and DynamoDB; run locally on emulators.",
    subcommands = {DemoCommand.class, NewCommand.class, RunCommand.class, NearestCommand.class, ExplainCommand.class,
        TemplateCommand.class, StatusCommand.class, DeadLettersCommand.class, StateCommand.class, UiCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeOnExecutionException = ExitCodes.FAILED_RUN)
public final class RunnelCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code (0 ok, 1 failed run, 2 usage or invalid job). */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code, without exiting. */
  public static int execute(String... args) {
    return withOwnClassLoader(commandLine(), args);
  }

  /** Runs the command line with its output and errors going to {@code out} and {@code err}; returns its exit code. */
  public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return withOwnClassLoader(commandLine().setOut(out).setErr(err), args);
  }

  /** The command line, printing a job the planner rejects as its message alone (no usage text), exit 2. */
  private static CommandLine commandLine() {
    return new CommandLine(new RunnelCommand()).setExecutionExceptionHandler((e, commandLine, parsed) -> {
      if (e instanceof UnplannableJob) {
        commandLine.getErr().println("runnel: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      throw e;
    });
  }

  /** Executes; a job classpath a command installed ({@code --classpath}, {@code --project}) ends with the command. */
  private static int withOwnClassLoader(CommandLine commandLine, String... args) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try {
      return commandLine.execute(args);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a command: demo, new, run, nearest, explain, template, status, dead-letters, state or ui");
  }
}
