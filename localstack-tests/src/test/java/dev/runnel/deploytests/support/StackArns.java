package dev.runnel.deploytests.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runnel.deploytests.backend.ControlPlane;
import dev.runnel.deploytests.deploy.DeployedStack;
import dev.runnel.deploytests.deploy.StackResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ARNs of a deployed stack's streams, tables and queues, read back through their services, by logical id and by
 * name; resolves a template's {@code Fn::GetAtt [X, Arn]} and {@code Ref X} to what was deployed.
 */
public final class StackArns {
  private final Map<String, String> arnByLogicalId = new LinkedHashMap<>();
  private final Map<String, String> arnByName = new LinkedHashMap<>();

  /** Reads the ARNs of {@code stack}'s streams, tables and queues. */
  public StackArns(DeployedStack stack, ControlPlane aws) {
    for (StackResource resource : stack.resources()) {
      String name = resource.physicalId();
      String arn = switch (resource.type()) {
        case "AWS::Kinesis::Stream" -> aws.kinesis().describeStreamSummary(b -> b.streamName(name))
            .streamDescriptionSummary().streamARN();
        case "AWS::DynamoDB::Table" -> aws.dynamoDb().describeTable(b -> b.tableName(name)).table().tableArn();
        case "AWS::SQS::Queue" -> aws.sqs().getQueueAttributes(b -> b.queueUrl(name)
            .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        default -> null;
      };
      if (arn != null) {
        arnByLogicalId.put(resource.logicalId(), arn);
        arnByName.put(arn.substring(arn.lastIndexOf(arn.contains("/") ? '/' : ':') + 1), arn);
      }
    }
  }

  /** The ARN of the stream, table or queue with this name. */
  public String ofName(String name) {
    String arn = arnByName.get(name);
    if (arn == null) {
      throw new AssertionError("the stack has no stream, table or queue named " + name + "; it has "
          + arnByName.keySet());
    }
    return arn;
  }

  /** Every stream, table and queue ARN of the stack. */
  public java.util.Collection<String> all() {
    return arnByLogicalId.values();
  }

  /** What a template value ({@code Fn::GetAtt [X, Arn]}, or a literal ARN) names, as deployed. */
  public String resolve(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    JsonNode getAtt = value.path("Fn::GetAtt");
    if (getAtt.isArray() && "Arn".equals(getAtt.path(1).asText())) {
      String arn = arnByLogicalId.get(getAtt.path(0).asText());
      if (arn != null) {
        return arn;
      }
    }
    throw new AssertionError("cannot resolve " + value + " to a deployed stream, table or queue");
  }
}
