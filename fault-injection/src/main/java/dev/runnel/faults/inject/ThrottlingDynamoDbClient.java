package dev.runnel.faults.inject;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Fails some DynamoDB requests with ProvisionedThroughputExceededException before they are sent, so nothing of them
 * is written, as DynamoDB does when a partition is over its capacity.
 */
public final class ThrottlingDynamoDbClient extends DelegatingDynamoDbClient {
  private final FaultDice dice;

  /** Wraps {@code delegate}, throttling as {@code dice} decide. */
  public ThrottlingDynamoDbClient(DynamoDbClient delegate, FaultDice dice) {
    super(delegate);
    this.dice = dice;
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    maybeThrottle("PutItem");
    return super.putItem(request);
  }

  @Override
  public DeleteItemResponse deleteItem(DeleteItemRequest request) {
    maybeThrottle("DeleteItem");
    return super.deleteItem(request);
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    maybeThrottle("GetItem");
    return super.getItem(request);
  }

  @Override
  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    maybeThrottle("BatchGetItem");
    return super.batchGetItem(request);
  }

  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    maybeThrottle("BatchWriteItem");
    return super.batchWriteItem(request);
  }

  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    maybeThrottle("TransactWriteItems");
    return super.transactWriteItems(request);
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    maybeThrottle("UpdateItem");
    return super.updateItem(request);
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    maybeThrottle("Query");
    return super.query(request);
  }

  @Override
  public ScanResponse scan(ScanRequest request) {
    maybeThrottle("Scan");
    return super.scan(request);
  }

  private void maybeThrottle(String operation) {
    if (dice.roll(FaultKind.DYNAMODB_THROTTLE, operation)) {
      throw (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException.builder()
          .message("The level of configured provisioned throughput for the table was exceeded (injected)")
          .statusCode(400)
          .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb")
              .errorCode("ProvisionedThroughputExceededException")
              .errorMessage("The level of configured provisioned throughput for the table was exceeded (injected)")
              .build())
          .build();
    }
  }
}
