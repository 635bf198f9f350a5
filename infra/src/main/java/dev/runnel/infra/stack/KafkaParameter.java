package dev.runnel.infra.stack;

import java.util.Objects;

/**
 * A deploy-time parameter saying where a job's Kafka cluster is: its ARN or bootstrap servers, its credentials' secret,
 * its subnets and security groups. Never a credential itself.
 *
 * @param logicalId      the parameter's name
 * @param type           its CloudFormation type ({@code String}, {@code List<AWS::EC2::Subnet::Id>}, ...)
 * @param allowedPattern a pattern a {@code String} value must match, or null
 * @param description    what to give
 */
public record KafkaParameter(String logicalId, String type, String allowedPattern, String description) {
  public KafkaParameter {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
  }
}
