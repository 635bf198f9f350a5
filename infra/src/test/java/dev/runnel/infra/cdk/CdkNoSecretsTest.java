package dev.runnel.infra.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.infra.stack.StackModel;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import dev.runnel.planner.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * No secret value reaches the CDK's output: with a recognisable model key in this JVM's environment (surefire sets
 * {@code OPENAI_API_KEY}, as a developer's shell would), the plans, the synthesized template and every other text
 * file of the cloud assembly (manifest, tree, asset manifest) hold neither it nor any {@code sk-} string. The key
 * appears only as the NoEcho parameter's name. (dev.runnel.infra.sam.NoSecretsTest does the same for SAM.)
 */
class CdkNoSecretsTest {
  static final String SECRET = "sk-test-NEVER-IN-ARTIFACTS";

  @Test
  void theCloudAssemblyHoldsNoSecretValue(@TempDir Path out) throws IOException {
    assertThat(System.getenv("OPENAI_API_KEY")).as("surefire's environment (infra/pom.xml)").isEqualTo(SECRET);
    List<Plan> plans = RunnelApp.EXAMPLE_JOBS.stream().map(Planner::plan).toList();
    for (Plan plan : plans) {
      assertThat(PlanJson.write(plan)).as(plan.job()).doesNotContain(SECRET).doesNotContain("sk-");
    }
    App app = App.Builder.create().outdir(out.toString()).build();
    List<StackModel> models = plans.stream().map(p -> StackModel.of(p, DeploymentSettings.DEFAULT)).toList();
    new RunnelStack(app, "runnel-secrets", RunnelStackProps.of(StackProps.builder().build(), models)
        .withCode(Code.fromAsset(CdkStacks.functionJar().toString())));
    app.synth();

    List<Path> texts;
    try (Stream<Path> files = Files.walk(out)) {
      texts = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(texts.stream().map(f -> f.getFileName().toString()))
        .contains("runnel-secrets.template.json", "manifest.json", "tree.json");
    for (Path text : texts) {
      assertThat(Files.readString(text, StandardCharsets.UTF_8)).as(out.relativize(text).toString())
          .doesNotContain(SECRET).doesNotContain("sk-");
    }
    String template = Files.readString(out.resolve("runnel-secrets.template.json"));
    assertThat(template).contains("\"OpenaiApiKey\"").contains("\"NoEcho\": true")
        .containsPattern("\"OPENAI_API_KEY\":\\s*\\{\\s*\"Ref\":\\s*\"OpenaiApiKey\"");
  }
}
