package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.StackParameter;
import software.amazon.awscdk.CfnParameter;
import software.constructs.Construct;

/** The stack parameters of a model: NoEcho strings, empty by default; the template holds only their names. */
final class StackParameters {
  private StackParameters() {}

  /** The parameter {@code parameter}, with its logical id. */
  static CfnParameter parameter(Construct scope, StackParameter parameter) {
    CfnParameter cfn = CfnParameter.Builder.create(scope, "Parameter")
        .type("String")
        .noEcho(true)
        .defaultValue("")
        .description(parameter.description())
        .build();
    cfn.overrideLogicalId(parameter.logicalId());
    return cfn;
  }
}
