package dev.runnel.deploytests;

import dev.runnel.deploytests.support.DeployedExamples;
import dev.runnel.deploytests.support.EmulatorDeployment;

/**
 * The example stacks translated by aws-sam-translator, deployed into moto's CloudFormation on loopback and read
 * back through the AWS APIs. moto 5.2 reports every event source mapping setting, the functions' handler, runtime,
 * memory, timeout, environment and SnapStart, the streams' shard counts, the tables' keys and billing mode, the
 * queue and the roles' inline policies; it drops streams' encryption and tables' TTL and point-in-time recovery,
 * which are checked in the translated template.
 */
class MotoDeploymentTest extends DeploymentReadBackContract {
  @Override
  DeployedExamples deployed() {
    return EmulatorDeployment.get();
  }
}
