package dev.runnel.operations.target;

import dev.runnel.infra.stack.LogicalIds;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableSpec;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A job deployed by a SAM template or the CDK stack: its streams and tables are found among the stack's resources by
 * the logical ids the templates give them ({@link LogicalIds}), and read through the SDK with the default credentials
 * (environment, profile, instance role), which are never printed. {@code endpoint} overrides every service's endpoint
 * (a test's moto_server).
 */
public record StackTarget(Plan plan, String description, ResourceNames names, KinesisClient kinesis,
    DynamoDbClient dynamoDb, CloudWatchClient cloudWatch, CloudWatchMetrics jobMetrics) implements JobTarget {
  /**
   * Finds the resources of {@code plan}'s job in stack {@code stackName}.
   *
   * @param endpoint an endpoint for every service instead of AWS's, or null
   * @throws IllegalArgumentException if the stack does not exist or lacks one of the job's streams or tables
   */
  public static StackTarget open(Plan plan, String stackName, String region, URI endpoint) {
    Region awsRegion = Region.of(region);
    Map<String, String> physical = new HashMap<>();
    Instant created;
    try (CloudFormationClient cloudFormation = configure(CloudFormationClient.builder(), awsRegion, endpoint)
        .httpClientBuilder(http()).build()) {
      Stack stack;
      try {
        stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().get(0);
      } catch (CloudFormationException e) {
        throw new IllegalArgumentException("stack " + stackName + " in " + region + " cannot be read ("
            + e.awsErrorDetails().errorMessage() + "): check --stack and --region, and that your credentials may "
            + "call cloudformation:DescribeStacks and ListStackResources", e);
      }
      created = stack.creationTime();
      cloudFormation.listStackResourcesPaginator(b -> b.stackName(stackName)).stackResourceSummaries()
          .forEach(r -> physical.put(r.logicalResourceId(), r.physicalResourceId()));
    }
    Map<String, String> streams = new HashMap<>();
    for (StreamSpec stream : plan.streams()) {
      streams.put(stream.name(), find(physical, LogicalIds.stream(stream.name()), "stream " + stream.name(),
          stackName, plan));
    }
    Map<String, String> tables = new HashMap<>();
    for (TableSpec table : plan.tables()) {
      tables.put(table.name(), find(physical, LogicalIds.table(table.name()), "table " + table.name(), stackName,
          plan));
    }
    KinesisClient kinesis = configure(KinesisClient.builder(), awsRegion, endpoint).httpClientBuilder(http()).build();
    DynamoDbClient dynamoDb = configure(DynamoDbClient.builder(), awsRegion, endpoint).httpClientBuilder(http())
        .build();
    CloudWatchClient cloudWatch = configure(CloudWatchClient.builder(), awsRegion, endpoint)
        .httpClientBuilder(http()).build();
    return new StackTarget(plan, "stack " + stackName + " in " + region, new ResourceNames(streams, tables), kinesis,
        dynamoDb, cloudWatch, new CloudWatchMetrics(cloudWatch, plan.job(), created));
  }

  @Override
  public Optional<JobMetrics> metrics() {
    return Optional.of(jobMetrics);
  }

  @Override
  public String metricsUnavailable() {
    return null;
  }

  @Override
  public void close() {
    try {
      kinesis.close();
      dynamoDb.close();
    } finally {
      cloudWatch.close();
    }
  }

  private static String find(Map<String, String> physical, String logicalId, String what, String stackName,
      Plan plan) {
    String name = physical.get(logicalId);
    if (name == null) {
      throw new IllegalArgumentException("stack " + stackName + " has no resource " + logicalId + " (the " + what
          + " of job " + plan.job() + "): deploy the template of `runnel template " + plan.jobClass()
          + "` in it, or name the stack that holds this job");
    }
    return name;
  }

  private static UrlConnectionHttpClient.Builder http() {
    return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(Duration.ofSeconds(60));
  }

  private static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, Region region, URI endpoint) {
    builder.region(region);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }
}
