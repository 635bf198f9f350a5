package dev.runnel.deploytests.support;

import dev.runnel.deploytests.backend.Backend;
import dev.runnel.deploytests.backend.ControlPlane;
import dev.runnel.deploytests.deploy.DeployedStack;
import dev.runnel.deploytests.deploy.SamDeployment;
import dev.runnel.deploytests.readback.DeployedMapping;
import dev.runnel.deploytests.readback.DeployedMappings;
import dev.runnel.deploytests.sam.SamTranslator;
import java.util.List;

/**
 * The example stacks deployed on one backend, with the control-plane clients to read them back; closing stops the
 * backend.
 *
 * @param backend      where they run
 * @param controlPlane clients for the backend's control plane
 * @param stacks       the deployed stacks, one per template
 */
public record DeployedExamples(Backend backend, ControlPlane controlPlane, List<DeployedStack> stacks)
    implements AutoCloseable {

  /** Deploys {@link ExampleTemplate#generated()} on {@code backend}; stops the backend if that fails. */
  public static DeployedExamples deploy(Backend backend) {
    ControlPlane controlPlane = new ControlPlane(backend);
    try {
      SamDeployment deployment = new SamDeployment(controlPlane.cloudFormation(), controlPlane.s3(),
          new SamTranslator(backend.region()), backend::deployable);
      ExampleTemplate template = ExampleTemplate.generated();
      long started = System.nanoTime();
      DeployedStack stack = deployment.deploy(template.stackName(), template.path());
      System.out.printf("[localstack-tests] deployed %s as stack %s (%d resources) in %d ms%n", template.path(),
          template.stackName(), stack.resources().size(), (System.nanoTime() - started) / 1_000_000);
      return new DeployedExamples(backend, controlPlane, List.of(stack));
    } catch (RuntimeException e) {
      controlPlane.close();
      backend.close();
      throw e;
    }
  }

  /** Every event source mapping of the deployed stacks, read back through the Lambda API. */
  public List<DeployedMapping> mappings() {
    return new DeployedMappings(controlPlane.lambda()).all();
  }

  @Override
  public void close() {
    try {
      controlPlane.close();
    } finally {
      backend.close();
    }
  }
}
