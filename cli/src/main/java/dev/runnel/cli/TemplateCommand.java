package dev.runnel.cli;

import dev.runnel.infra.sam.SamTemplate;
import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code runnel template <JobClass>... [--output template.yaml] [--code-uri jar]}: writes the jobs' SAM template. */
@Command(name = "template", mixinStandardHelpOptions = true,
    description = "Plan job classes and write one SAM template deploying them all (docs/deployment.md).")
final class TemplateCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "JOB_CLASS", description = "The jobs' fully qualified class names.")
  private List<String> jobClasses;

  @Option(names = "--output", defaultValue = "template.yaml",
      description = "The file written (default: ${DEFAULT-VALUE}); '-' for standard output.")
  private String output;

  @Option(names = "--code-uri", defaultValue = DeploymentSettings.EXAMPLES_CODE_URI,
      description = "The function package, relative to the template (default: ${DEFAULT-VALUE}).")
  private String codeUri;

  @Override
  public Integer call() {
    List<Plan> plans = jobClasses.stream().map(c -> JobClassArgument.plan(spec.commandLine(), c)).toList();
    String yaml = SamTemplate.of(plans, DeploymentSettings.DEFAULT.withCodeUri(codeUri)).yaml();
    if (output.equals("-")) {
      System.out.print(yaml);
      return ExitCodes.OK;
    }
    try {
      Path file = Path.of(output);
      Files.writeString(file, yaml);
      System.err.println("runnel: wrote " + file + " (" + plans.size() + " job(s), "
          + plans.stream().mapToInt(p -> p.stages().size()).sum() + " stage(s))");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
    return ExitCodes.OK;
  }
}
