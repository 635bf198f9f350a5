package dev.runnel.localrunner.run;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.emulators.KinesisLocal;
import dev.runnel.functions.requests.RequestCounter;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * kinesis-local and DynamoDB Local, started side by side, with one client each; closing stops both. In memory, or
 * keeping their data in a {@link StateDirectory}.
 */
public final class LocalEmulators implements AutoCloseable {
  private final KinesisLocal kinesisLocal;
  private final DynamoDbLocal dynamoDbLocal;
  private final KinesisClient kinesis;
  private final DynamoDbClient dynamoDb;

  private LocalEmulators(KinesisLocal kinesisLocal, DynamoDbLocal dynamoDbLocal) {
    this.kinesisLocal = kinesisLocal;
    this.dynamoDbLocal = dynamoDbLocal;
    this.kinesis = kinesisLocal.client();
    this.dynamoDb = dynamoDbLocal.client();
  }

  /** Starts both emulators in memory, in parallel (about 5 s); if either fails, the other is stopped. */
  public static LocalEmulators start() {
    return start(null);
  }

  /**
   * Starts both emulators in parallel, keeping their data in {@code state} (and finding there what an earlier run
   * left), or in memory if it is null; if either fails, the other is stopped.
   */
  public static LocalEmulators start(StateDirectory state) {
    KinesisLocal kinesisLocal = state == null ? new KinesisLocal() : KinesisLocal.persistentIn(state.kinesis());
    DynamoDbLocal dynamoDbLocal = state == null ? new DynamoDbLocal() : DynamoDbLocal.persistentIn(state.dynamoDb());
    CompletableFuture<DynamoDbLocal> dynamo = CompletableFuture.supplyAsync(dynamoDbLocal::start);
    try {
      kinesisLocal.start();
      dynamo.join();
      return new LocalEmulators(kinesisLocal, dynamoDbLocal);
    } catch (RuntimeException e) {
      kinesisLocal.close();
      dynamo.handle((started, error) -> null).join();
      dynamoDbLocal.close();
      throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** A client for kinesis-local, shared; closed with the emulators. */
  public KinesisClient kinesis() {
    return kinesis;
  }

  /** A client for DynamoDB Local, shared; closed with the emulators. */
  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  /** kinesis-local's HTTP endpoint. */
  public URI kinesisEndpoint() {
    return kinesisLocal.endpoint();
  }

  /** DynamoDB Local's HTTP endpoint. */
  public URI dynamoDbEndpoint() {
    return dynamoDbLocal.endpoint();
  }

  /** Builds new clients for function instances, each counting its requests (the run closes them). */
  public FunctionClients functionClients() {
    return new FunctionClients() {
      @Override
      public KinesisClient kinesis(String stageId, RequestCounter counter) {
        return kinesisLocal.client(counter);
      }

      @Override
      public DynamoDbClient dynamoDb(String stageId, RequestCounter counter) {
        return dynamoDbLocal.client(counter);
      }
    };
  }

  /** Closes the clients and stops both emulators. */
  @Override
  public void close() {
    try {
      kinesis.close();
      dynamoDb.close();
    } finally {
      try {
        kinesisLocal.close();
      } finally {
        dynamoDbLocal.close();
      }
    }
  }
}
