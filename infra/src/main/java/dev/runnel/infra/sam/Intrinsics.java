package dev.runnel.infra.sam;

import dev.runnel.infra.stack.ArnRef;
import java.util.List;
import java.util.Map;

/** CloudFormation intrinsic functions in their long (JSON) form, which every YAML reader understands. */
final class Intrinsics {
  private Intrinsics() {}

  static Map<String, Object> ref(String logicalId) {
    return Map.of("Ref", logicalId);
  }

  static Map<String, Object> getAtt(String logicalId, String attribute) {
    return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
  }

  /** {@code Fn::If [condition, value, AWS::NoValue]}: {@code value} only where {@code condition} holds. */
  static Map<String, Object> onlyIf(String condition, Object value) {
    return Map.of("Fn::If", List.of(condition, value, ref("AWS::NoValue")));
  }

  /**
   * An IAM resource: a stack resource's {@code Arn}, a parameter's value, or a pattern ({@code Fn::Sub} when it has
   * placeholders).
   */
  static Object arn(ArnRef ref) {
    if (ref instanceof ArnRef.OfResource resource) {
      return getAtt(resource.logicalId(), "Arn");
    }
    if (ref instanceof ArnRef.OfParameter parameter) {
      return ref(parameter.logicalId());
    }
    if (ref instanceof ArnRef.OnKafkaCluster kafka) {
      return Map.of("Fn::Sub", List.of(kafka.pattern(), clusterNameAndUuid(kafka.clusterArnParameter())));
    }
    ArnRef.Pattern pattern = (ArnRef.Pattern) ref;
    return pattern.substituted() ? Map.of("Fn::Sub", pattern.pattern()) : pattern.pattern();
  }

  /**
   * {@code ClusterName} and {@code ClusterUuid} cut out of an MSK cluster ARN
   * ({@code arn:...:cluster/<name>/<uuid>}), for {@code Fn::Sub}.
   */
  static Map<String, Object> clusterNameAndUuid(String clusterArnParameter) {
    Map<String, Object> parts = Map.of("Fn::Split", List.of("/", ref(clusterArnParameter)));
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    variables.put("ClusterName", Map.of("Fn::Select", List.of(1, parts)));
    variables.put("ClusterUuid", Map.of("Fn::Select", List.of(2, parts)));
    return variables;
  }
}
