package dev.runnel.infra.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * The cdk-nag AwsSolutions findings a Runnel job accepts, each on the one resource it concerns and with its reason.
 * infra/README.md lists them; a test fails on any finding not suppressed here.
 */
final class JobNagSuppressions {
  /** IAM4 reports the managed policy in this form. */
  static final String BASIC_EXECUTION_FINDING =
      "Policy::arn:<AWS::Partition>:iam::aws:policy/" + FunctionRoles.BASIC_EXECUTION;

  static final String IAM4_REASON = "AWSLambdaBasicExecutionRole only lets the function create its own log group "
      + "and write its log streams (logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents); every other "
      + "permission is the model's least-privilege inline policy on the exact streams, tables, queue, keys and models.";
  static final String L1_REASON = "The function package is built and tested for Java 21 (FunctionResource.RUNTIME, "
      + "the runtime the SAM template deploys too); SnapStart is on. Moving to a newer Java runtime is a deliberate "
      + "upgrade of the model, not a template setting.";
  static final String SQS3_REASON = "This queue is itself the dead-letter destination: the on-failure destination of "
      + "every Kinesis event source mapping of the job, receiving Lambda's record of each batch given up. Nothing "
      + "consumes it automatically, so it needs no dead-letter queue of its own; its depth alarm tells an operator.";

  /** IAM5 reports the wildcards of the Kafka network statements (KafkaAccess) in these forms. */
  static final List<String> KAFKA_NETWORK_FINDINGS = List.of("Resource::*",
      "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*",
      "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:subnet/*",
      "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:security-group/*");
  static final String KAFKA_NETWORK_REASON = "Lambda places the network interfaces of a function in the Kafka "
      + "cluster's VPC (and of a Kafka event source mapping's pollers) with the function's role: EC2's Describe calls "
      + "(DescribeNetworkInterfaces, DescribeSubnets, DescribeSecurityGroups, DescribeVpcs) have no resource-level "
      + "permissions, so they are granted on *; creating, deleting and addressing interfaces is limited to this "
      + "account's and region's interfaces, subnets and security groups, whose ids are deploy-time parameters.";

  private JobNagSuppressions() {}

  /** A role with the Kafka network statements: the EC2 wildcards Lambda's VPC access needs (IAM5). */
  static void kafkaNetwork(IRole role) {
    NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
        .id("AwsSolutions-IAM5").reason(KAFKA_NETWORK_REASON).appliesTo(KAFKA_NETWORK_FINDINGS).build()));
  }

  /** A function and its role: the basic execution policy (IAM4), the pinned Java runtime (L1). */
  static void function(IRole role, IFunction function) {
    NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
        .id("AwsSolutions-IAM4").reason(IAM4_REASON).appliesTo(List.of(BASIC_EXECUTION_FINDING)).build()));
    NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
        .id("AwsSolutions-L1").reason(L1_REASON).build()));
  }

  /** The dead-letter queue, which is a dead-letter queue (SQS3). */
  static void deadLetterQueue(IQueue queue) {
    NagSuppressions.addResourceSuppressions(queue, List.of(NagPackSuppression.builder()
        .id("AwsSolutions-SQS3").reason(SQS3_REASON).build()));
  }
}
