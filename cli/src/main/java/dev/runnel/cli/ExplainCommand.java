package dev.runnel.cli;

import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.planner.Explainer;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code runnel explain <JobClass> [--format text|mermaid|json]}: prints a job's plan. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Plan a job class and print its stages, as text, a Mermaid flowchart or the plan's JSON.")
final class ExplainCommand implements Callable<Integer> {
  /** The output formats. */
  enum Format { text, mermaid, json }

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB_CLASS", description = "The job's fully qualified class name.")
  private String jobClass;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @Option(names = "--format", defaultValue = "text", description = "text, mermaid or json (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Override
  public Integer call() {
    Plan plan = JobClassArgument.plan(spec.commandLine(), jobClass, classes);
    String output = switch (format) {
      case text -> Explainer.text(plan);
      case mermaid -> Explainer.mermaid(plan);
      case json -> PlanJson.write(plan);
    };
    System.out.print(output.endsWith("\n") ? output : output + "\n");
    return ExitCodes.OK;
  }
}
