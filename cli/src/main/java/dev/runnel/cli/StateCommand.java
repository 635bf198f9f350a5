package dev.runnel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code runnel state get}: the keyed state of a job. */
@Command(name = "state", mixinStandardHelpOptions = true, description = "Read a job's keyed state.",
    subcommands = {StateGetCommand.class})
final class StateCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: get");
  }
}
