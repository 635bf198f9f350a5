package dev.runnel.infra.stack;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Lambda function running one stage (or ticking it), with SnapStart on published versions and an alias that its
 * event source mapping and schedule invoke. Its role has the AWS basic execution policy (CloudWatch Logs) plus
 * {@code policies}, and nothing else.
 *
 * @param logicalId      its logical id in the stack
 * @param functionName   the function name: the stage id (a tick function: {@code <stage>-tick})
 * @param stageId        the stage it runs
 * @param kind           what invokes it; the handler follows from it
 * @param runtime        the Lambda runtime, {@link #RUNTIME}
 * @param codeUri        the function package ({@link DeploymentSettings#codeUri()})
 * @param memoryMb       its memory
 * @param timeoutSeconds its timeout
 * @param alias          the alias published with every version, invoked by mappings and schedules
 * @param environment    its environment variables, sorted by name; never a secret's value
 * @param policies       its role's inline statements, least privilege
 * @param inKafkaVpc     true when it connects to the job's Kafka cluster itself, so runs in the cluster's subnets
 *                       ({@link KafkaAccess#SUBNET_IDS}, {@link KafkaAccess#SECURITY_GROUP_IDS})
 */
public record FunctionResource(String logicalId, String functionName, String stageId, FunctionKind kind,
    String runtime, String codeUri, int memoryMb, int timeoutSeconds, String alias, Map<String, EnvValue> environment,
    List<PolicyStatement> policies, boolean inKafkaVpc) {
  /** The runtime every function uses. */
  public static final String RUNTIME = "java21";
  /** The alias every function publishes. */
  public static final String ALIAS = "live";
  /** SnapStart's setting: snapshots of published versions. */
  public static final String SNAP_START = "PublishedVersions";

  public FunctionResource {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(stageId, "stageId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(codeUri, "codeUri");
    Objects.requireNonNull(alias, "alias");
    environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
    policies = List.copyOf(policies);
  }

  /** The Lambda handler, from the kind. */
  public String handler() {
    return kind.handler();
  }
}
