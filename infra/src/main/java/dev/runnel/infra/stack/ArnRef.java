package dev.runnel.infra.stack;

import java.util.Objects;

/** The ARN an IAM statement grants on: a resource of the stack, or a pattern for one outside it. */
public sealed interface ArnRef permits ArnRef.OfResource, ArnRef.OfParameter, ArnRef.Pattern, ArnRef.OnKafkaCluster {

  /** The ARN of the stack's resource with this logical id ({@code Fn::GetAtt <id>.Arn}). */
  static ArnRef of(String logicalId) {
    return new OfResource(logicalId);
  }

  /** The ARN a stack parameter with this logical id holds ({@code Ref <id>}). */
  static ArnRef parameter(String logicalId) {
    return new OfParameter(logicalId);
  }

  /** An ARN pattern in {@code Fn::Sub} syntax, using only {@code ${AWS::Partition}}, {@code ${AWS::Region}}, {@code ${AWS::AccountId}}. */
  static ArnRef pattern(String pattern) {
    return new Pattern(pattern);
  }

  /**
   * The ARN of a topic or consumer group on the MSK cluster whose ARN the stack parameter {@code clusterArnParameter}
   * holds: {@code arn:<partition>:kafka:<region>:<account>:<kind>/<cluster name>/<cluster uuid>/<name>}.
   */
  static ArnRef onKafkaCluster(String clusterArnParameter, String kind, String name) {
    return new OnKafkaCluster(clusterArnParameter, kind, name);
  }

  /**
   * The ARN of a resource of this stack.
   *
   * @param logicalId the resource's logical id
   */
  record OfResource(String logicalId) implements ArnRef {
    public OfResource {
      Objects.requireNonNull(logicalId, "logicalId");
    }
  }

  /**
   * The ARN given as a stack parameter (a customer-managed key).
   *
   * @param logicalId the parameter's logical id
   */
  record OfParameter(String logicalId) implements ArnRef {
    public OfParameter {
      Objects.requireNonNull(logicalId, "logicalId");
    }
  }

  /**
   * An ARN outside the stack (a secret, a parameter, a foundation model), with pseudo-parameter placeholders.
   *
   * @param pattern the ARN, e.g. {@code arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/x}
   */
  record Pattern(String pattern) implements ArnRef {
    public Pattern {
      Objects.requireNonNull(pattern, "pattern");
    }

    /** True when the pattern has a placeholder, so it must be substituted ({@code Fn::Sub}). */
    public boolean substituted() {
      return pattern.contains("${");
    }
  }

  /**
   * A topic or consumer group of an MSK cluster given as a stack parameter: IAM names them under the cluster's name and
   * id, which the template cuts out of the cluster's ARN.
   *
   * @param clusterArnParameter the parameter holding the cluster's ARN
   * @param kind                {@code topic} or {@code group}
   * @param name                the topic's or group's name
   */
  record OnKafkaCluster(String clusterArnParameter, String kind, String name) implements ArnRef {
    public OnKafkaCluster {
      Objects.requireNonNull(clusterArnParameter, "clusterArnParameter");
      if (!kind.equals("topic") && !kind.equals("group")) {
        throw new IllegalArgumentException("an MSK resource is a topic or a group, not " + kind);
      }
      Objects.requireNonNull(name, "name");
    }

    /** The ARN in {@code Fn::Sub} syntax, {@code ${ClusterName}} and {@code ${ClusterUuid}} cut from the cluster ARN. */
    public String pattern() {
      return "arn:${AWS::Partition}:kafka:${AWS::Region}:${AWS::AccountId}:" + kind + "/${ClusterName}/${ClusterUuid}/"
          + name;
    }
  }
}
