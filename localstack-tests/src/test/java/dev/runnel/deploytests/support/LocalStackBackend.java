package dev.runnel.deploytests.support;

import dev.runnel.deploytests.backend.Backend;
import dev.runnel.deploytests.backend.Gap;
import dev.runnel.deploytests.sam.CfnTemplate;
import java.util.EnumSet;
import java.util.Set;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * LocalStack in a container (Testcontainers, needs a Docker engine): one endpoint for the control plane and the
 * data plane, so the jobs run on the very streams and tables the stack created.
 */
public final class LocalStackBackend implements Backend {
  /** The image the container path runs. */
  public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4");

  private final LocalStackContainer container;
  private final KinesisClient kinesis;
  private final DynamoDbClient dynamoDb;

  /** A backend on {@code container}, which must be started. */
  public LocalStackBackend(LocalStackContainer container) {
    this.container = container;
    this.kinesis = controlPlane(KinesisClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    this.dynamoDb = controlPlane(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
  }

  @Override
  public String description() {
    return "LocalStack container (" + IMAGE + ")";
  }

  @Override
  public String region() {
    return container.getRegion();
  }

  @Override
  public <B extends AwsClientBuilder<B, C>, C> B controlPlane(B builder) {
    return builder.endpointOverride(container.getEndpoint()).region(Region.of(container.getRegion()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            container.getAccessKey(), container.getSecretKey())));
  }

  @Override
  public KinesisClient dataKinesis() {
    return kinesis;
  }

  @Override
  public DynamoDbClient dataDynamoDb() {
    return dynamoDb;
  }

  @Override
  public Set<Gap> gaps() {
    return EnumSet.noneOf(Gap.class);
  }

  @Override
  public CfnTemplate deployable(CfnTemplate template) {
    return template;
  }

  /** Closes the clients; the container is stopped by Testcontainers. */
  @Override
  public void close() {
    kinesis.close();
    dynamoDb.close();
  }
}
