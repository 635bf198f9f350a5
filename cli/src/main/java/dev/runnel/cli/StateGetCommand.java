package dev.runnel.cli;

import dev.runnel.operations.state.KeyStateReader;
import dev.runnel.operations.state.KeyStateView;
import dev.runnel.operations.target.JobTarget;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code runnel state get <JobClass> <STAGE> <KEY> (--state-dir DIR | --stack NAME) [--json]}. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Print the committed state of one key of a keyed stage, decoded, with its version.")
final class StateGetCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_CLASS", description = "The job's fully qualified class name.")
  private String jobClass;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @Parameters(index = "1", paramLabel = "STAGE", description = "The keyed stage's id (`runnel explain` lists them).")
  private String stage;

  @Parameters(index = "2", paramLabel = "KEY", description = "The key, as the stage's key field holds it.")
  private String key;

  @CommandLine.Mixin
  private JobTargetOptions where;

  @Override
  public Integer call() {
    var plan = JobClassArgument.plan(spec.commandLine(), jobClass, classes);
    KeyStateView view;
    try (JobTarget target = where.open(spec.commandLine(), plan)) {
      view = new KeyStateReader(target).read(stage, key);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (where.json) {
      JsonOutput.print(view, out);
    } else {
      print(view, out);
    }
    out.flush();
    return view.found() ? ExitCodes.OK : ExitCodes.FAILED_RUN;
  }

  private static void print(KeyStateView view, PrintWriter out) {
    out.println("stage " + view.stage() + " · key " + view.key() + " · " + view.layout() + " layout · shard "
        + (view.shard() == null ? "-" : view.shard()));
    if (!view.found()) {
      out.println("no committed state: no record of this key has been applied (or its state expired)");
      return;
    }
    out.println("version: " + view.version());
    for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> state : view.states().entrySet()) {
      out.println(state.getKey() + " = " + state.getValue());
    }
    if (view.dedupMemory() != null) {
      long producers = view.dedupMemory().chars().filter(c -> c == '!').count() + 1;
      out.println("dedup memory: " + producers + " upstream shard(s), " + view.dedupMemory().length()
          + " characters (--json prints it)");
    }
  }
}
