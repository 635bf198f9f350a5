package dev.runnel.deploytests.backend;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Where a stack is deployed (the control plane: CloudFormation, Lambda, IAM, S3, SQS, and the Kinesis and DynamoDB
 * resources it creates) and where the jobs' records flow (the data plane), which may be the same endpoint.
 */
public interface Backend extends AutoCloseable {
  /** What runs, for the test output, e.g. {@code emulators (DynamoDB Local + kinesis-local + moto)}. */
  String description();

  /** The region the backend answers for. */
  String region();

  /** Points an SDK client builder at the control plane, with its region and credentials; the caller builds. */
  <B extends AwsClientBuilder<B, C>, C> B controlPlane(B builder);

  /** The Kinesis client the jobs read and write through (shared, closed with the backend). */
  KinesisClient dataKinesis();

  /** The DynamoDB client the jobs' state, checkpoints and sinks go through (shared, closed with the backend). */
  DynamoDbClient dataDynamoDb();

  /**
   * True if the backend's control plane reports streams' encryption, tables' TTL and point-in-time recovery as
   * the template set them; moto 5.2's CloudFormation drops those three, so they are checked in the template instead.
   */
  boolean reportsEncryptionTtlAndPitr();

  /** Stops what the backend started. */
  @Override
  void close();
}
