package dev.runnel.deploytests;

import dev.runnel.deploytests.support.DeployedExamples;
import dev.runnel.deploytests.support.LocalStackBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * The same read-back and job tests against LocalStack in a container, when a Docker engine is available; without
 * one, Testcontainers skips the whole class in about 1.5 s. LocalStack's own event source mappings are disabled
 * after deployment (the functions hold placeholder code): the local mapping drives the real handlers.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackSuiteTest {
  @Container
  static final LocalStackContainer LOCALSTACK = new LocalStackContainer(LocalStackBackend.IMAGE);

  private static DeployedExamples deployed;

  @BeforeAll
  static void deploy() {
    LocalStackBackend backend = new LocalStackBackend(LOCALSTACK);
    System.out.println("[localstack-tests] backend: " + backend.description());
    deployed = DeployedExamples.deploy(backend);
    deployed.mappings().forEach(m -> deployed.controlPlane().lambda().updateEventSourceMapping(b -> b.uuid(m.uuid())
        .enabled(false)));
  }

  @AfterAll
  static void close() {
    if (deployed != null) {
      deployed.close();
    }
  }

  @Nested
  class ReadBack extends DeploymentReadBackContract {
    @Override
    DeployedExamples deployed() {
      return deployed;
    }
  }

  @Nested
  class ExampleJobs extends ExampleJobsContract {
    @Override
    DeployedExamples deployed() {
      return deployed;
    }
  }
}
