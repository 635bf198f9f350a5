package dev.runnel.functions;

import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.functions.kafka.KafkaOutput;
import dev.runnel.functions.metrics.MetricsOutput;
import dev.runnel.functions.requests.RequestCounter;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The outside world a stage writes to. The handler never closes these; their owner does.
 *
 * @param kinesis  writes repartition and sink streams
 * @param dynamoDb writes sink tables and dead letters
 * @param console  prints console sinks
 * @param observer told at each step of the exactly-once commit path (the fault-injection harness crashes there)
 * @param models   how inference stages reach their models (endpoints, API keys, Bedrock credentials, counters)
 * @param metrics  where the stage's CloudWatch metrics go (standard output on Lambda; dropped elsewhere unless set)
 * @param requests the counter installed on {@code kinesis} and {@code dynamoDb} by whoever built them (one per function
 *                 instance, as Lambda builds clients per environment); a fresh one, which nothing reports to, when
 *                 the clients were built without it
 * @param kafka    writes repartition and sink topics (docs/kafka.md); {@link KafkaOutput#NONE} for a job without them
 */
public record StageResources(KinesisClient kinesis, DynamoDbClient dynamoDb, ConsoleOutput console,
    CommitObserver observer, ModelAccess models, MetricsOutput metrics, RequestCounter requests, KafkaOutput kafka) {
  public StageResources {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(kinesis, "kinesis");
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(console, "console");
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** Resources reaching no Kafka cluster. */
  public StageResources(KinesisClient kinesis, DynamoDbClient dynamoDb, ConsoleOutput console,
      CommitObserver observer, ModelAccess models, MetricsOutput metrics, RequestCounter requests) {
    this(kinesis, dynamoDb, console, observer, models, metrics, requests, KafkaOutput.NONE);
  }

  /** Resources on clients built without a request counter. */
  public StageResources(KinesisClient kinesis, DynamoDbClient dynamoDb, ConsoleOutput console,
      CommitObserver observer, ModelAccess models, MetricsOutput metrics) {
    this(kinesis, dynamoDb, console, observer, models, metrics, new RequestCounter());
  }

  /** Resources whose metrics are dropped. */
  public StageResources(KinesisClient kinesis, DynamoDbClient dynamoDb, ConsoleOutput console,
      CommitObserver observer, ModelAccess models) {
    this(kinesis, dynamoDb, console, observer, models, MetricsOutput.NONE);
  }

  /** Resources reaching models as the process environment says ({@link ModelAccess#fromProcess()}). */
  public StageResources(KinesisClient kinesis, DynamoDbClient dynamoDb, ConsoleOutput console,
      CommitObserver observer) {
    this(kinesis, dynamoDb, console, observer, ModelAccess.fromProcess());
  }

  /** Resources with no commit observer. */
  public StageResources(KinesisClient kinesis, DynamoDbClient dynamoDb, ConsoleOutput console) {
    this(kinesis, dynamoDb, console, CommitObserver.NONE);
  }

  /**
   * The same resources with other clients, e.g. wrapped to inject faults, keeping the request counter (right when
   * they delegate to the counted clients).
   */
  public StageResources withClients(KinesisClient otherKinesis, DynamoDbClient otherDynamoDb) {
    return new StageResources(otherKinesis, otherDynamoDb, console, observer, models, metrics, requests, kafka);
  }

  /** The same resources on other clients, which report their requests to {@code counter}. */
  public StageResources withClients(KinesisClient otherKinesis, DynamoDbClient otherDynamoDb,
      RequestCounter counter) {
    return new StageResources(otherKinesis, otherDynamoDb, console, observer, models, metrics, counter, kafka);
  }

  /** The same resources with another commit observer. */
  public StageResources withObserver(CommitObserver otherObserver) {
    return new StageResources(kinesis, dynamoDb, console, otherObserver, models, metrics, requests, kafka);
  }

  /** The same resources reaching models another way. */
  public StageResources withModels(ModelAccess otherModels) {
    return new StageResources(kinesis, dynamoDb, console, observer, otherModels, metrics, requests, kafka);
  }

  /** The same resources writing topics through {@code otherKafka}. */
  public StageResources withKafka(KafkaOutput otherKafka) {
    return new StageResources(kinesis, dynamoDb, console, observer, models, metrics, requests, otherKafka);
  }

  /** The same resources sending metrics elsewhere. */
  public StageResources withMetrics(MetricsOutput otherMetrics) {
    return new StageResources(kinesis, dynamoDb, console, observer, models, otherMetrics, requests, kafka);
  }
}
