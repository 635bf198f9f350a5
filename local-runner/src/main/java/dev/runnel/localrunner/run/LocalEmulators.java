package dev.runnel.localrunner.run;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.emulators.KinesisLocal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** kinesis-local and DynamoDB Local, started side by side, with one client each; closing stops both. */
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

  /** Starts both emulators in parallel (about 5 s); if either fails, the other is stopped. */
  public static LocalEmulators start() {
    KinesisLocal kinesisLocal = new KinesisLocal();
    DynamoDbLocal dynamoDbLocal = new DynamoDbLocal();
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
