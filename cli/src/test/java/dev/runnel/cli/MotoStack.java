package dev.runnel.cli;

import dev.runnel.deploytests.backend.MotoTemplateWorkarounds;
import dev.runnel.deploytests.deploy.DeployedStack;
import dev.runnel.deploytests.deploy.SamDeployment;
import dev.runnel.deploytests.sam.SamTranslator;
import dev.runnel.emulators.MotoServer;
import dev.runnel.infra.sam.SamTemplate;
import dev.runnel.infra.stack.DeploymentSettings;
import dev.runnel.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A job's SAM template, translated by aws-sam-translator and deployed into moto_server's CloudFormation, for the
 * tests of the operations commands on a stack; the test is skipped, saying why, where aws-sam-translator is missing.
 */
final class MotoStack {
  private MotoStack() {}

  /** Deploys {@code plan}'s template (written into {@code dir}) as stack {@code name}. */
  static DeployedStack deploy(MotoServer moto, Plan plan, Path dir, String name) throws IOException {
    Path template = dir.resolve(name + "-template.yaml");
    Files.writeString(template, SamTemplate.of(List.of(plan), DeploymentSettings.DEFAULT).yaml());
    try (CloudFormationClient cloudFormation = moto.configure(CloudFormationClient.builder())
             .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
         S3Client s3 = moto.configure(S3Client.builder()).forcePathStyle(true)
             .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      try {
        return new SamDeployment(cloudFormation, s3, new SamTranslator("us-east-1"), MotoTemplateWorkarounds::apply)
            .deploy(name, template);
      } catch (IllegalStateException e) {
        Assumptions.assumeFalse(String.valueOf(e.getMessage()).contains("python3")
            || String.valueOf(e.getMessage()).contains("samtranslator"), "aws-sam-translator is missing: " + e);
        throw e;
      }
    }
  }
}
