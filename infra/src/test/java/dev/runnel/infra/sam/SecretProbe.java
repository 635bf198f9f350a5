package dev.runnel.infra.sam;

import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link NoSecretsTest} in a child JVM whose environment holds a recognisable model key: writes every
 * example's plan JSON and the template of them all into the directory given, as the real build and CLI would.
 */
public final class SecretProbe {
  private SecretProbe() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<Plan> plans = ExampleJobs.plans();
    for (Plan plan : plans) {
      Files.writeString(dir.resolve(plan.job() + ".json"), PlanJson.write(plan));
    }
    Files.writeString(dir.resolve("template.yaml"), SamTemplate.of(plans, DeploymentSettings.DEFAULT).yaml());
  }
}
