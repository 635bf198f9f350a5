package dev.runnel.functions;

import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.functions.kafka.KafkaOutput;
import dev.runnel.functions.metrics.MetricsOutput;
import dev.runnel.functions.requests.RequestCounter;
import dev.runnel.inference.secrets.SecretsManagerSecrets;
import dev.runnel.plan.Plan;
import dev.runnel.plan.PlanJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What a function reads from its Lambda environment: the stage id, the plan resource and cheap-to-start SDK clients
 * (URL connection HTTP, Lambda's credentials, optional endpoint overrides).
 *
 * @param env the environment variables
 */
record LambdaEnvironment(Map<String, String> env) {
  static final String STAGE = "RUNNEL_STAGE";
  static final String PLAN_RESOURCE = "RUNNEL_PLAN_RESOURCE";
  static final String KINESIS_ENDPOINT = "RUNNEL_KINESIS_ENDPOINT";
  static final String DYNAMODB_ENDPOINT = "RUNNEL_DYNAMODB_ENDPOINT";
  static final String DEFAULT_PLAN_RESOURCE = "/runnel-plan.json";
  /** Where a SnapStart function's runtime serves its credentials (with the token below), instead of key variables. */
  static final String CONTAINER_CREDENTIALS_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  /**
   * Names a {@link CommitObserver} class with a public no-argument constructor to tell of each commit step: the
   * fault-injection harness sets it on the function processes it kills and freezes at chosen steps. Unset on AWS.
   */
  static final String COMMIT_OBSERVER = "RUNNEL_COMMIT_OBSERVER";

  /** The process environment. */
  static LambdaEnvironment system() {
    return new LambdaEnvironment(System.getenv());
  }

  /** The stage this function runs, from {@code RUNNEL_STAGE}. */
  String stageId() {
    return required(STAGE);
  }

  /** The plan, from the classpath resource {@code RUNNEL_PLAN_RESOURCE} or {@code /runnel-plan.json}. */
  Plan plan() {
    String named = env.getOrDefault(PLAN_RESOURCE, DEFAULT_PLAN_RESOURCE);
    String resource = named.startsWith("/") ? named : "/" + named;
    try (InputStream in = StageHandler.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("plan resource " + resource + " is not in the function package; build it "
            + "with the Runnel packager or set " + PLAN_RESOURCE);
      }
      return PlanJson.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plan resource " + resource, e);
    }
  }

  /**
   * SDK clients for {@code AWS_REGION}, counting their requests in one {@link RequestCounter}, printing console sinks
   * and metrics (Embedded Metric Format) to standard output.
   */
  StageResources resources() {
    Region region = Region.of(required("AWS_REGION"));
    AwsCredentialsProvider credentials = credentials();
    RequestCounter requests = new RequestCounter();
    var kinesis = KinesisClient.builder().region(region).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(credentials).overrideConfiguration(c -> c.addExecutionInterceptor(requests));
    var dynamoDb = DynamoDbClient.builder().region(region).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(credentials).overrideConfiguration(c -> c.addExecutionInterceptor(requests));
    String kinesisEndpoint = env.get(KINESIS_ENDPOINT);
    if (kinesisEndpoint != null && !kinesisEndpoint.isBlank()) {
      kinesis.endpointOverride(URI.create(kinesisEndpoint));
    }
    String dynamoDbEndpoint = env.get(DYNAMODB_ENDPOINT);
    if (dynamoDbEndpoint != null && !dynamoDbEndpoint.isBlank()) {
      dynamoDb.endpointOverride(URI.create(dynamoDbEndpoint));
    }
    return new StageResources(kinesis.build(), dynamoDb.build(), ConsoleOutput.stdout(), CommitObserver.NONE,
        ModelAccess.fromProcess(), MetricsOutput.stdout(), requests).withObserver(observer())
        .withKafka(KafkaOutput.fromEnvironment(env, () -> new SecretsManagerSecrets(SecretsManagerClient.builder()
            .region(region).httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials).build())));
  }

  /**
   * Lambda's credentials for the function's role, shared by its clients. A function with SnapStart gets them from a
   * local container-credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and
   * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}), refreshed before they expire, since a snapshot must not hold keys; any
   * other function gets the access-key variables. Both are read without probing the rest of the default chain.
   */
  AwsCredentialsProvider credentials() {
    String containerUri = env.get(CONTAINER_CREDENTIALS_URI);
    return containerUri != null && !containerUri.isBlank() ? ContainerCredentialsProvider.builder().build()
        : EnvironmentVariableCredentialsProvider.create();
  }

  /** The commit observer {@code RUNNEL_COMMIT_OBSERVER} names, or none. */
  CommitObserver observer() {
    String name = env.get(COMMIT_OBSERVER);
    if (name == null || name.isBlank()) {
      return CommitObserver.NONE;
    }
    try {
      return (CommitObserver) Class.forName(name, true, Thread.currentThread().getContextClassLoader())
          .getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("environment variable " + COMMIT_OBSERVER + " names " + name + ", which is not"
          + " a CommitObserver with a public no-argument constructor on the function's classpath; unset it", e);
    }
  }

  /** True when the local runtime running this process asks for a {@link CounterLine} after each invocation. */
  boolean printsCounterLines() {
    return Boolean.parseBoolean(env.get(CounterLine.ENABLED));
  }

  private String required(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }
}
