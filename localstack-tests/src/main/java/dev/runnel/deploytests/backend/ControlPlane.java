package dev.runnel.deploytests.backend;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One client per control-plane service of a backend; closing closes them all. */
public final class ControlPlane implements AutoCloseable {
  private final CloudFormationClient cloudFormation;
  private final S3Client s3;
  private final LambdaClient lambda;
  private final IamClient iam;
  private final SqsClient sqs;
  private final KinesisClient kinesis;
  private final DynamoDbClient dynamoDb;

  /** Clients for {@code backend}'s control plane. */
  public ControlPlane(Backend backend) {
    cloudFormation = backend.controlPlane(CloudFormationClient.builder()).httpClient(http()).build();
    s3 = backend.controlPlane(S3Client.builder()).forcePathStyle(true).httpClient(http()).build();
    lambda = backend.controlPlane(LambdaClient.builder()).httpClient(http()).build();
    iam = backend.controlPlane(IamClient.builder()).httpClient(http()).build();
    sqs = backend.controlPlane(SqsClient.builder()).httpClient(http()).build();
    kinesis = backend.controlPlane(KinesisClient.builder()).httpClient(http()).build();
    dynamoDb = backend.controlPlane(DynamoDbClient.builder()).httpClient(http()).build();
  }

  /** CloudFormation. */
  public CloudFormationClient cloudFormation() {
    return cloudFormation;
  }

  /** S3, path-style (loopback endpoints have no bucket subdomains). */
  public S3Client s3() {
    return s3;
  }

  /** Lambda. */
  public LambdaClient lambda() {
    return lambda;
  }

  /** IAM. */
  public IamClient iam() {
    return iam;
  }

  /** SQS. */
  public SqsClient sqs() {
    return sqs;
  }

  /** Kinesis, where the stack's streams were created. */
  public KinesisClient kinesis() {
    return kinesis;
  }

  /** DynamoDB, where the stack's tables were created. */
  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  @Override
  public void close() {
    cloudFormation.close();
    s3.close();
    lambda.close();
    iam.close();
    sqs.close();
    kinesis.close();
    dynamoDb.close();
  }

  private static UrlConnectionHttpClient http() {
    return (UrlConnectionHttpClient) UrlConnectionHttpClient.builder()
        .socketTimeout(java.time.Duration.ofSeconds(30)).build();
  }
}
