package dev.runnel.faults.inject;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
 * A DynamoDB client passing every call the stage runtime, the state store and the checkpoint store make to another;
 * fault wrappers override some. Calls none of them make are unsupported.
 */
public class DelegatingDynamoDbClient implements DynamoDbClient {
  private final DynamoDbClient delegate;

  /** A client passing calls to {@code delegate}. */
  public DelegatingDynamoDbClient(DynamoDbClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    return delegate.putItem(request);
  }

  @Override
  public DeleteItemResponse deleteItem(DeleteItemRequest request) {
    return delegate.deleteItem(request);
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return delegate.getItem(request);
  }

  @Override
  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    return delegate.batchGetItem(request);
  }

  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    return delegate.batchWriteItem(request);
  }

  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    return delegate.transactWriteItems(request);
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return delegate.updateItem(request);
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    return delegate.query(request);
  }

  @Override
  public ScanResponse scan(ScanRequest request) {
    return delegate.scan(request);
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  /** Does nothing: the run owns the wrapped client. */
  @Override
  public void close() {
  }
}
