package dev.runnel.infra.cdk;

import dev.runnel.infra.stack.ArnRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Fn;

/**
 * The ARN of each {@link ArnRef} of a model: the CDK resource's ARN token, the parameter's value token, or the pattern
 * substituted.
 */
final class ArnResolver {
  private final Map<String, String> arns = new HashMap<>();

  /** Records the ARN (usually a token) of the resource or parameter with this logical id. */
  void put(String logicalId, String arn) {
    arns.put(logicalId, arn);
  }

  /** The ARN {@code ref} names. */
  String arn(ArnRef ref) {
    String logicalId = ref instanceof ArnRef.OfResource resource ? resource.logicalId()
        : ref instanceof ArnRef.OfParameter parameter ? parameter.logicalId() : null;
    if (logicalId != null) {
      String arn = arns.get(logicalId);
      if (arn == null) {
        throw new IllegalArgumentException("a policy grants on " + logicalId + ", which the stack lacks");
      }
      return arn;
    }
    if (ref instanceof ArnRef.OnKafkaCluster kafka) {
      String clusterArn = arns.get(kafka.clusterArnParameter());
      if (clusterArn == null) {
        throw new IllegalArgumentException("a policy grants on the Kafka cluster " + kafka.clusterArnParameter()
            + ", which the stack lacks");
      }
      List<String> parts = Fn.split("/", clusterArn, 3);
      return Fn.sub(kafka.pattern(), Map.of("ClusterName", parts.get(1), "ClusterUuid", parts.get(2)));
    }
    ArnRef.Pattern pattern = (ArnRef.Pattern) ref;
    return pattern.substituted() ? Fn.sub(pattern.pattern()) : pattern.pattern();
  }
}
