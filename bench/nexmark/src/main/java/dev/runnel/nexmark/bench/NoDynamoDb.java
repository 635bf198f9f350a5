package dev.runnel.nexmark.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client of a bench run: the Nexmark jobs write no table sinks, and a dead letter means a wrong run, so
 * every call fails (the SDK interface's defaults throw UnsupportedOperationException) and the run stops there.
 */
final class NoDynamoDb implements DynamoDbClient {
  @Override
  public String serviceName() {
    return "dynamodb";
  }

  @Override
  public void close() {}
}
