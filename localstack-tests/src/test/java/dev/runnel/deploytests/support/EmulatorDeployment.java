package dev.runnel.deploytests.support;

import dev.runnel.deploytests.backend.EmulatorBackend;
import org.testcontainers.DockerClientFactory;

/**
 * The example stacks deployed once per test JVM on the emulator backend, shared by the emulator test classes and
 * stopped when the JVM exits. Starting it prints which backend runs; a failed deployment fails every later caller
 * at once instead of deploying again.
 */
public final class EmulatorDeployment {
  private static DeployedExamples deployed;
  private static RuntimeException failure;

  private EmulatorDeployment() {}

  /** The deployment, made now if not yet. */
  public static synchronized DeployedExamples get() {
    if (failure != null) {
      throw new IllegalStateException("the example stacks could not be deployed on the emulators", failure);
    }
    if (deployed == null) {
      try {
        EmulatorBackend backend = EmulatorBackend.start();
        System.out.println("[localstack-tests] backend: " + backend.description() + "; " + containerPath());
        deployed = DeployedExamples.deploy(backend);
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
      DeployedExamples started = deployed;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-emulator-deployment"));
    }
    return deployed;
  }

  private static String containerPath() {
    return DockerClientFactory.instance().isDockerAvailable()
        ? "LocalStack container: runs as well (LocalStackSuiteTest)"
        : "LocalStack container skipped: no Docker engine";
  }
}
