package dev.runnel.deploytests;

import dev.runnel.deploytests.support.DeployedExamples;
import dev.runnel.deploytests.support.EmulatorDeployment;

/**
 * The example jobs on the emulator backend: the stack deployed into moto (control plane), the records flowing
 * through kinesis-local and DynamoDB Local (data plane), each stage driven with its deployed mapping settings.
 */
class ExampleJobsOnDeployedStackTest extends ExampleJobsContract {
  @Override
  DeployedExamples deployed() {
    return EmulatorDeployment.get();
  }
}
