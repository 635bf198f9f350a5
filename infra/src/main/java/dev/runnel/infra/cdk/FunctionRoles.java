package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.LogicalIds;
import dev.runnel.infra.stack.FunctionResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * A function's role: Lambda's basic execution policy (its own log group) and an inline policy of exactly the model's
 * statements. Nothing is granted through the CDK's {@code grant*} methods, which would add actions the model leaves
 * out.
 */
final class FunctionRoles {
  /** The AWS managed policy every function role has: create its log group and write its log streams. */
  static final String BASIC_EXECUTION = "service-role/AWSLambdaBasicExecutionRole";
  /** The name of the inline policy. */
  static final String INLINE_POLICY = "RunnelStageAccess";

  private FunctionRoles() {}

  /** The role of {@code function}, logical id {@code <function>Role} as SAM names it. */
  static Role role(Construct scope, FunctionResource function, ArnResolver arns) {
    List<PolicyStatement> statements = function.policies().stream()
        .map(statement -> statement(statement, arns))
        .toList();
    IManagedPolicy basic = ManagedPolicy.fromAwsManagedPolicyName(BASIC_EXECUTION);
    Role role = Role.Builder.create(scope, LogicalIds.role(function.logicalId()))
        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
        .description("Runs " + function.functionName() + " with least privilege")
        .managedPolicies(List.of(basic))
        .inlinePolicies(Map.of(INLINE_POLICY, PolicyDocument.Builder.create().statements(statements).build()))
        .build();
    CfnResource cfn = (CfnResource) role.getNode().getDefaultChild();
    cfn.overrideLogicalId(LogicalIds.role(function.logicalId()));
    if (function.policies().stream().anyMatch(statement -> statement.condition() != null)) {
      // A policy document cannot hold Fn::If, so the rendered statement list, with the conditional ones wrapped in it,
      // replaces the one the document renders.
      cfn.addPropertyOverride("Policies.0.PolicyDocument.Statement", function.policies().stream()
          .map(statement -> statement.condition() == null ? statement(statement, arns).toStatementJson()
              : Fn.conditionIf(statement.condition(), raw(statement, arns), Aws.NO_VALUE))
          .toList());
    }
    return role;
  }

  /** The statement as the SAM template writes it: actions and resources always lists. */
  private static Map<String, Object> raw(dev.runnel.infra.stack.PolicyStatement statement, ArnResolver arns) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    rendered.put("Sid", statement.sid());
    rendered.put("Effect", "Allow");
    rendered.put("Action", statement.actions());
    rendered.put("Resource", statement.resources().stream().map(arns::arn).toList());
    return rendered;
  }

  private static PolicyStatement statement(dev.runnel.infra.stack.PolicyStatement statement, ArnResolver arns) {
    return PolicyStatement.Builder.create()
        .sid(statement.sid())
        .effect(Effect.ALLOW)
        .actions(statement.actions())
        .resources(statement.resources().stream().map(arns::arn).toList())
        .build();
  }
}
