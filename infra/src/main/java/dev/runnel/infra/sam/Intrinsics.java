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

  /** An IAM resource: a stack resource's {@code Arn}, or a pattern ({@code Fn::Sub} when it has placeholders). */
  static Object arn(ArnRef ref) {
    if (ref instanceof ArnRef.OfResource resource) {
      return getAtt(resource.logicalId(), "Arn");
    }
    ArnRef.Pattern pattern = (ArnRef.Pattern) ref;
    return pattern.substituted() ? Map.of("Fn::Sub", pattern.pattern()) : pattern.pattern();
  }
}
