package dev.runnel.deploytests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SAM template of the bundled examples, {@code template.yaml} at the repository root, written by
 * {@code ./runnel template} (infra's SAM writer) and kept up to date by infra's tests, and the stack it deploys as.
 *
 * @param stackName the CloudFormation stack name
 * @param path      the SAM template
 */
public record ExampleTemplate(String stackName, Path path) {
  /** The repository's generated template. */
  public static ExampleTemplate generated() {
    Path template = Path.of("..", "template.yaml").toAbsolutePath().normalize();
    if (!Files.isRegularFile(template)) {
      throw new IllegalStateException("no generated template at " + template);
    }
    return new ExampleTemplate("runnel-examples", template);
  }
}
