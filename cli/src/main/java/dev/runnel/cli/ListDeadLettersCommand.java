package dev.runnel.cli;

import dev.runnel.operations.deadletters.DeadLetterEntry;
import dev.runnel.operations.deadletters.DeadLetterTable;
import dev.runnel.operations.target.JobTarget;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code runnel dead-letters list <JobClass> [--stage S] (--state-dir DIR | --stack NAME) [--json]}. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List a job's dead letters: id (stage/shard/position), error type, when, a short error, replay.")
final class ListDeadLettersCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_CLASS", description = "The job's fully qualified class name.")
  private String jobClass;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @Option(names = "--stage", paramLabel = "STAGE", description = "Only this stage's dead letters.")
  private String stage;

  @CommandLine.Mixin
  private JobTargetOptions where;

  @Override
  public Integer call() {
    var plan = JobClassArgument.plan(spec.commandLine(), jobClass, classes);
    try (JobTarget target = where.open(spec.commandLine(), plan)) {
      List<DeadLetterEntry> entries = DeadLetterTable.of(target).list(stage);
      if (where.json) {
        JsonOutput.print(entries.stream().map(DeadLetterPrinter::json).toList(), spec.commandLine().getOut());
      } else {
        DeadLetterPrinter.list(entries, spec.commandLine().getOut());
      }
    }
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
