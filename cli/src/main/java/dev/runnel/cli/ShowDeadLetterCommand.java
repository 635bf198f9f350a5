package dev.runnel.cli;

import dev.runnel.operations.deadletters.DeadLetterEntry;
import dev.runnel.operations.deadletters.DeadLetterId;
import dev.runnel.operations.deadletters.DeadLetterTable;
import dev.runnel.operations.target.JobTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code runnel dead-letters show <JobClass> <ID> (--state-dir DIR | --stack NAME) [--json]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show one dead letter with its full error and payload.")
final class ShowDeadLetterCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_CLASS", description = "The job's fully qualified class name.")
  private String jobClass;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @Parameters(index = "1", paramLabel = "ID", description = "The dead letter's id, stage/shard/position, as `list` "
      + "prints it.")
  private String id;

  @CommandLine.Mixin
  private JobTargetOptions where;

  @Override
  public Integer call() {
    var plan = JobClassArgument.plan(spec.commandLine(), jobClass, classes);
    DeadLetterId parsed;
    try {
      parsed = DeadLetterId.parse(id);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try (JobTarget target = where.open(spec.commandLine(), plan)) {
      DeadLetterTable table = DeadLetterTable.of(target);
      DeadLetterEntry entry = table.get(parsed).orElse(null);
      if (entry == null) {
        spec.commandLine().getErr().println("no dead letter " + parsed + " in " + table.name()
            + " (expired, or a wrong id): `runnel dead-letters list` prints the ids");
        spec.commandLine().getErr().flush();
        return ExitCodes.FAILED_RUN;
      }
      if (where.json) {
        JsonOutput.print(DeadLetterPrinter.json(entry), spec.commandLine().getOut());
      } else {
        DeadLetterPrinter.show(entry, spec.commandLine().getOut());
      }
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
