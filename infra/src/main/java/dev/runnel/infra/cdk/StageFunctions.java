package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.LogicalIds;
import dev.runnel.infra.stack.EnvValue;
import dev.runnel.infra.stack.FunctionKind;
import dev.runnel.infra.stack.FunctionResource;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.constructs.Construct;

/** A function of the model with SnapStart on published versions and its alias, as SAM's AutoPublishAlias makes. */
final class StageFunctions {
  private static final Map<String, Runtime> RUNTIMES = Map.of("java11", Runtime.JAVA_11, "java17", Runtime.JAVA_17,
      "java21", Runtime.JAVA_21, "java25", Runtime.JAVA_25);

  private StageFunctions() {}

  /**
   * The function of {@code function} running {@code code} with {@code role}; environment variables of stack parameters
   * resolve through {@code parameters} (logical id to the parameter's {@code Ref}).
   */
  static Function function(Construct scope, String job, FunctionResource function, Code code, IRole role,
      Map<String, String> parameters) {
    Runtime runtime = RUNTIMES.get(function.runtime());
    if (runtime == null) {
      throw new IllegalArgumentException("no SnapStart Java runtime '" + function.runtime() + "'");
    }
    Function built = Function.Builder.create(scope, function.logicalId())
        .functionName(function.functionName())
        .description("Runnel job " + job + ", stage " + function.stageId()
            + (function.kind() == FunctionKind.TICK ? " (tick)" : ""))
        .runtime(runtime)
        .handler(function.handler())
        .code(code)
        .memorySize(function.memoryMb())
        .timeout(Duration.seconds(function.timeoutSeconds()))
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .environment(environment(function, parameters))
        .role(role)
        .build();
    ((CfnResource) built.getNode().getDefaultChild()).overrideLogicalId(function.logicalId());
    return built;
  }

  /** The alias {@code function} publishes with every version, logical id {@code <function>Alias<alias>}. */
  static Alias alias(Construct scope, FunctionResource function, Function built) {
    String logicalId = LogicalIds.alias(function.logicalId(), function.alias());
    Alias alias = Alias.Builder.create(scope, logicalId)
        .aliasName(function.alias())
        .version(built.getCurrentVersion())
        .build();
    ((CfnResource) alias.getNode().getDefaultChild()).overrideLogicalId(logicalId);
    Annotations.of(built).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
        "every version is published (currentVersion) and the alias invoked by triggers points at it");
    return alias;
  }

  private static Map<String, String> environment(FunctionResource function, Map<String, String> parameters) {
    Map<String, String> variables = new LinkedHashMap<>();
    function.environment().forEach((name, value) -> {
      if (value instanceof EnvValue.Literal literal) {
        variables.put(name, literal.value());
      } else {
        String id = ((EnvValue.FromParameter) value).parameterLogicalId();
        String ref = parameters.get(id);
        if (ref == null) {
          throw new IllegalArgumentException(function.logicalId() + " reads parameter " + id + ", which the stack lacks");
        }
        variables.put(name, ref);
      }
    });
    return variables;
  }
}
