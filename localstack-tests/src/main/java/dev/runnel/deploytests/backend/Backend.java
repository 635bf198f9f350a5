package dev.runnel.deploytests.backend;

import dev.runnel.deploytests.sam.CfnTemplate;
import java.util.Set;
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

  /** The settings this backend's CloudFormation does not deploy; tests check those in the template instead. */
  Set<Gap> gaps();

  /** The translated template as this backend can deploy it (the template itself where nothing needs working around). */
  CfnTemplate deployable(CfnTemplate template);

  /** Stops what the backend started. */
  @Override
  void close();
}
