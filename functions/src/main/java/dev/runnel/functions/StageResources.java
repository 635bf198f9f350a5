package dev.runnel.functions;

import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The outside world a stage writes to. The handler never closes these; their owner does.
 *
 * @param kinesis  writes repartition and sink streams
 * @param dynamoDb writes sink tables and dead letters
 * @param console  prints console sinks
 */
public record StageResources(KinesisClient kinesis, DynamoDbClient dynamoDb, ConsoleOutput console) {
  public StageResources {
    Objects.requireNonNull(kinesis, "kinesis");
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(console, "console");
  }
}
