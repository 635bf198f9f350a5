package dev.runnel.functions;

import dev.runnel.functions.exactlyonce.CommitObserver;
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
 */
public record StageResources(KinesisClient kinesis, DynamoDbClient dynamoDb, ConsoleOutput console,
    CommitObserver observer) {
  public StageResources {
    Objects.requireNonNull(kinesis, "kinesis");
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(console, "console");
    Objects.requireNonNull(observer, "observer");
  }

  /** Resources with no commit observer. */
  public StageResources(KinesisClient kinesis, DynamoDbClient dynamoDb, ConsoleOutput console) {
    this(kinesis, dynamoDb, console, CommitObserver.NONE);
  }

  /** The same resources with other clients, e.g. wrapped to inject faults. */
  public StageResources withClients(KinesisClient otherKinesis, DynamoDbClient otherDynamoDb) {
    return new StageResources(otherKinesis, otherDynamoDb, console, observer);
  }

  /** The same resources with another commit observer. */
  public StageResources withObserver(CommitObserver otherObserver) {
    return new StageResources(kinesis, dynamoDb, console, otherObserver);
  }
}
