package dev.runnel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code runnel dead-letters list|show|replay}: a job's dead letters, read and replayed. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
    description = "Read a job's dead letters with their error and payload, and replay chosen ones into their stage's "
        + "input after a fix, each once.",
    subcommands = {ListDeadLettersCommand.class, ShowDeadLetterCommand.class, ReplayDeadLettersCommand.class})
final class DeadLettersCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, show or replay");
  }
}
