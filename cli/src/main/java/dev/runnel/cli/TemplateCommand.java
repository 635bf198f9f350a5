package dev.runnel.cli;

import dev.runnel.examples.orders.OrderRouting;
import dev.runnel.infra.sam.SamTemplate;
import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.infra.stack.KafkaCluster;
import dev.runnel.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runnel template <JobClass>... [--output template.yaml] [--project DIR | --code-uri jar]}: writes the jobs' SAM
 * template, its {@code CodeUri} the function package holding their classes.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
    description = "Plan job classes and write one SAM template deploying them all (docs/deployment.md).")
final class TemplateCommand implements Callable<Integer> {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "JOB_CLASS", description = "The jobs' fully qualified class names.")
  private List<String> jobClasses;

  @CommandLine.Mixin
  private JobClasspathOptions classes;

  @Option(names = "--output", defaultValue = "template.yaml",
      description = "The file written (default: ${DEFAULT-VALUE}); '-' for standard output.")
  private String output;

  @Option(names = "--code-uri", paramLabel = "JAR",
      description = "The function package (the jobs' classes and plans with the Runnel runtime), relative to the "
          + "template. Default: with --project, the project's " + JobClasspathOptions.PROJECT_FUNCTION_PACKAGE
          + "; for the examples, " + DeploymentSettings.EXAMPLES_CODE_URI + ".")
  private String codeUri;

  @Option(names = "--kafka", paramLabel = "AUTH", defaultValue = "msk-iam",
      description = "For jobs with Kafka topics, the cluster and how stages authenticate to it: msk-iam (Amazon MSK"
          + " with IAM, default), scram-512 or mtls (self-managed Kafka, credentials in a Secrets Manager secret)."
          + " The cluster itself is located by stack parameters (docs/kafka.md, Deployment).")
  private String kafkaAuth;

  @Option(names = "--kafka-subnets", paramLabel = "N", defaultValue = "2",
      description = "How many of the KafkaSubnetIds a self-managed cluster's event source mappings use (default:"
          + " ${DEFAULT-VALUE}).")
  private int kafkaSubnets;

  @Override
  public Integer call() {
    List<Plan> plans = jobClasses.stream().map(c -> JobClassArgument.plan(spec.commandLine(), c, classes)).toList();
    KafkaCluster kafka;
    try {
      kafka = new KafkaCluster(KafkaCluster.KafkaAuth.named(kafkaAuth), kafkaSubnets);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String yaml = SamTemplate.of(plans, DeploymentSettings.DEFAULT.withCodeUri(codeUri()).withKafka(kafka)).yaml();
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

  /**
   * The {@code CodeUri}: the one given, the project's function package relative to the template, or the examples'
   * package when every job is an example; otherwise a usage error, since no package is known to hold the jobs.
   */
  private String codeUri() {
    if (codeUri != null) {
      return codeUri;
    }
    if (classes.project() != null) {
      Path functionPackage = classes.project().resolve(JobClasspathOptions.PROJECT_FUNCTION_PACKAGE);
      if (!Files.isRegularFile(functionPackage)) {
        System.err.println("runnel: note: " + functionPackage + " does not exist yet; mvn package in "
            + classes.project() + " builds it (before sam deploy)");
      }
      Path templateDir = output.equals("-") ? Path.of("") : Objects.requireNonNullElse(Path.of(output).getParent(),
          Path.of(""));
      return templateDir.toAbsolutePath().normalize().relativize(functionPackage.toAbsolutePath().normalize())
          .toString().replace('\\', '/');
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    boolean allExamples = jobClasses.stream().allMatch(c -> isExample(c, loader));
    if (!allExamples) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no function package is known to hold "
          + String.join(", ", jobClasses) + ": give --project DIR (its " + JobClasspathOptions.PROJECT_FUNCTION_PACKAGE
          + ") or --code-uri JAR, the jar holding the jobs' classes and plans with the Runnel runtime");
    }
    return DeploymentSettings.EXAMPLES_CODE_URI;
  }

  /** Whether the class comes from the same jar or directory as the examples (the default function package's). */
  private static boolean isExample(String className, ClassLoader loader) {
    try {
      return Objects.equals(location(Class.forName(className, false, loader)), location(OrderRouting.class));
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static java.net.URL location(Class<?> type) {
    java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }
}
