package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.infra.stack.KafkaCluster;
import dev.runnel.infra.stack.KafkaJobs;
import dev.runnel.infra.stack.StackModel;
import dev.runnel.planner.Planner;
import dev.runnel.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The stacks the CDK tests look at, synthesized once per JVM and shared by every test class (surefire runs them all in
 * one JVM): the first synth starts the jsii runtime (7-10 s), later ones take a fraction of a second.
 */
final class CdkStacks {
  static final String ORDERS = "dev.runnel.examples.orders.OrderRouting";
  static final String CLICKS = "dev.runnel.examples.clicks.ClickCounts";
  static final String COMMENTS = "dev.runnel.examples.comments.LiveComments";
  static final String RAG = "dev.runnel.examples.rag.RagIndexer";

  private static final Map<String, Synthesized> STACKS = new ConcurrentHashMap<>();
  private static Path functionJar;

  /**
   * A synthesized stack and what it was built from.
   *
   * @param plans    the plans
   * @param models   their stack models
   * @param stack    the stack
   * @param template its template
   */
  record Synthesized(List<Plan> plans, List<StackModel> models, RunnelStack stack, Template template) {
    Plan plan() {
      return plans.get(0);
    }

    StackModel model() {
      return models.get(0);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) template.toJSON();
    }
  }

  private CdkStacks() {}

  /** The stack of the job {@code jobClass} alone. */
  static Synthesized of(String jobClass) {
    return of(List.of(jobClass));
  }

  /** The stack of {@code jobClasses}, in one app of its own, synthesized once. */
  static Synthesized of(List<String> jobClasses) {
    return STACKS.computeIfAbsent(String.join(",", jobClasses), key -> synthesize(jobClasses));
  }

  /** A tiny stand-in for the function package, so tests need not build the examples' jar. */
  static synchronized Path functionJar() {
    if (functionJar == null) {
      try {
        functionJar = Files.createTempFile("runnel-function", ".jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(functionJar))) {
          jar.putNextEntry(new ZipEntry("runnel/README"));
          jar.write("a stand-in function package for the CDK tests\n".getBytes());
          jar.closeEntry();
        }
        functionJar.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return functionJar;
  }

  /** The stack of {@code jobClasses} with cdk-nag's AwsSolutions checks applied to its app, synthesized once. */
  static Synthesized nagged(List<String> jobClasses) {
    return STACKS.computeIfAbsent("nag:" + String.join(",", jobClasses), key -> synthesize(jobClasses, true));
  }

  /**
   * The stack of the Kafka test jobs (KafkaJobs: Kafka only, and Kinesis in with Kafka out) on {@code cluster},
   * with cdk-nag's checks applied when {@code nag}, synthesized once.
   */
  static Synthesized kafka(KafkaCluster cluster, boolean nag) {
    return STACKS.computeIfAbsent("kafka:" + cluster + ":" + nag, key -> synthesize(
        List.of(KafkaJobs.kafkaTotals(), KafkaJobs.mixedClicks()), DeploymentSettings.DEFAULT.withKafka(cluster), nag));
  }

  private static Synthesized synthesize(List<String> jobClasses) {
    return synthesize(jobClasses, false);
  }

  private static Synthesized synthesize(List<String> jobClasses, boolean nag) {
    return synthesize(jobClasses.stream().map(Planner::plan).toList(), DeploymentSettings.DEFAULT, nag);
  }

  private static Synthesized synthesize(List<Plan> plans, DeploymentSettings settings, boolean nag) {
    List<StackModel> models = plans.stream().map(p -> StackModel.of(p, settings)).toList();
    App app = new App();
    RunnelStack stack = new RunnelStack(app, "runnel-test", RunnelStackProps.of(StackProps.builder().build(), models)
        .withCode(Code.fromAsset(functionJar().toString())));
    if (nag) {
      Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().logIgnores(true).build()));
    }
    return new Synthesized(plans, models, stack, Template.fromStack(stack));
  }
}
