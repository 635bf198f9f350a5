package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.KmsKeyParameter;
import dev.runnel.infra.stack.StackParameter;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.constructs.Construct;

/**
 * The stack parameters of a model: model keys (NoEcho strings, empty by default; the template holds only their
 * names) and the optional customer-managed key of the dead letters, with the condition that it is set.
 */
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

  /** The parameter {@code key}: a key ARN or empty, as the SAM template has it. */
  static CfnParameter keyParameter(Construct scope, KmsKeyParameter key) {
    CfnParameter cfn = CfnParameter.Builder.create(scope, key.logicalId())
        .type("String")
        .defaultValue("")
        .allowedPattern(KmsKeyParameter.ALLOWED_PATTERN)
        .constraintDescription(KmsKeyParameter.CONSTRAINT)
        .description(key.description())
        .build();
    cfn.overrideLogicalId(key.logicalId());
    return cfn;
  }

  /** The condition {@code key.condition()}: the parameter is not empty. */
  static CfnCondition keySet(Construct scope, KmsKeyParameter key, CfnParameter parameter) {
    CfnCondition condition = CfnCondition.Builder.create(scope, key.condition())
        .expression(Fn.conditionNot(Fn.conditionEquals(parameter.getValueAsString(), "")))
        .build();
    condition.overrideLogicalId(key.condition());
    return condition;
  }
}
