package dev.runnel.cli;

import dev.runnel.operations.deadletters.DeadLetterEntry;
import dev.runnel.operations.deadletters.DeadLetterId;
import dev.runnel.operations.deadletters.DeadLetterReplay;
import dev.runnel.operations.deadletters.DeadLetterTable;
import dev.runnel.operations.deadletters.ReplayOutcome;
import dev.runnel.operations.target.JobTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runnel dead-letters replay <JobClass> (ID... | --stage S) (--state-dir DIR | --stack NAME) [--json]}: puts
 * dead letters back into their stages' inputs, each once.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Put dead letters back into their stage's input stream after a fix: the ones named by id, or every "
        + "one of a stage. Each is replayed once: a dead letter replayed before is skipped.")
final class ReplayDeadLettersCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_CLASS", description = "The job's fully qualified class name.")
  private String jobClass;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @Parameters(index = "1..*", paramLabel = "ID", description = "Dead letter ids (stage/shard/position).")
  private List<String> ids = new ArrayList<>();

  @Option(names = "--stage", paramLabel = "STAGE", description = "Replay every dead letter of this stage.")
  private String stage;

  @CommandLine.Mixin
  private JobTargetOptions where;

  @Override
  public Integer call() {
    var plan = JobClassArgument.plan(spec.commandLine(), jobClass, classes);
    if (ids.isEmpty() == (stage == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "name the dead letters to replay: their ids, or "
          + "--stage STAGE for every one of a stage");
    }
    if (stage != null && plan.stage(stage).isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "job " + plan.job() + " has no stage '" + stage
          + "'; its stages: " + plan.stages().stream().map(s -> s.id()).toList());
    }
    List<DeadLetterId> parsed = new ArrayList<>();
    for (String id : ids) {
      try {
        parsed.add(DeadLetterId.parse(id));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    List<ReplayOutcome> outcomes;
    try (JobTarget target = where.open(spec.commandLine(), plan)) {
      DeadLetterTable table = DeadLetterTable.of(target);
      List<DeadLetterEntry> chosen = new ArrayList<>();
      List<ReplayOutcome> missing = new ArrayList<>();
      if (stage != null) {
        chosen.addAll(table.list(stage));
      }
      for (DeadLetterId id : parsed) {
        table.get(id).ifPresentOrElse(chosen::add, () -> missing.add(new ReplayOutcome(id,
            ReplayOutcome.Result.REFUSED, "no such dead letter in " + table.name(), null, null)));
      }
      outcomes = new ArrayList<>(missing);
      outcomes.addAll(new DeadLetterReplay(target, Clock.systemUTC()).replay(chosen));
    }
    if (where.json) {
      JsonOutput.print(outcomes, spec.commandLine().getOut());
    } else {
      DeadLetterPrinter.replayed(outcomes, spec.commandLine().getOut());
    }
    spec.commandLine().getOut().flush();
    boolean failed = outcomes.stream().anyMatch(o -> o.result() == ReplayOutcome.Result.FAILED
        || o.result() == ReplayOutcome.Result.REFUSED);
    return failed ? ExitCodes.FAILED_RUN : ExitCodes.OK;
  }
}
