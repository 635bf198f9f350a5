package dev.runnel.localrunner.run;

import dev.runnel.functions.requests.RequestCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Builds the SDK clients of one function instance, as Lambda's environment builds them for the real handler: each
 * shows every request it sends to the instance's {@link RequestCounter}. The run closes them when it ends.
 */
public interface FunctionClients {
  /** A new Kinesis client for an instance of stage {@code stageId}, counting its requests in {@code counter}. */
  KinesisClient kinesis(String stageId, RequestCounter counter);

  /** A new DynamoDB client for an instance of stage {@code stageId}, counting its requests in {@code counter}. */
  DynamoDbClient dynamoDb(String stageId, RequestCounter counter);
}
