package dev.runnel.statestore.dynamodb;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * A DynamoDB that throttles: PutItem fails {@code throttledPuts} times before it succeeds, BatchGetItem leaves every
 * key unprocessed on its first call and answers that none exist on the next. A table named "missing" fails with a
 * 400 ResourceNotFound.
 */
final class ThrottledDynamoDb implements DynamoDbClient {
  final AtomicInteger putCalls = new AtomicInteger();
  final AtomicInteger batchGetCalls = new AtomicInteger();
  private final int throttledPuts;

  ThrottledDynamoDb(int throttledPuts) {
    this.throttledPuts = throttledPuts;
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    if (request.tableName().equals("missing")) {
      throw DynamoDbException.builder().statusCode(400)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build();
    }
    if (putCalls.incrementAndGet() <= throttledPuts) {
      throw ProvisionedThroughputExceededException.builder().statusCode(400)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
          .build();
    }
    return PutItemResponse.builder()
        .consumedCapacity(ConsumedCapacity.builder().tableName(request.tableName()).capacityUnits(1.0).build())
        .build();
  }

  @Override
  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    String table = request.requestItems().keySet().iterator().next();
    if (batchGetCalls.incrementAndGet() == 1) {
      return BatchGetItemResponse.builder().responses(Map.of())
          .unprocessedKeys(Map.of(table, request.requestItems().get(table))).build();
    }
    return BatchGetItemResponse.builder()
        .responses(Map.of(table, List.<Map<String, AttributeValue>>of()))
        .unprocessedKeys(Map.<String, KeysAndAttributes>of()).build();
  }

  @Override
  public String serviceName() {
    return "dynamodb";
  }

  @Override
  public void close() {}
}
