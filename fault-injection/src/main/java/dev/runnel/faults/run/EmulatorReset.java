package dev.runnel.faults.run;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Deletes every stream and table of the emulators, so the next run provisions its resources afresh. */
final class EmulatorReset {
  private static final long TIMEOUT_NANOS = 60_000_000_000L;

  private EmulatorReset() {}

  static void reset(KinesisClient kinesis, DynamoDbClient dynamoDb) throws InterruptedException {
    for (String table : dynamoDb.listTables().tableNames()) {
      dynamoDb.deleteTable(b -> b.tableName(table));
    }
    for (String stream : kinesis.listStreams().streamNames()) {
      kinesis.deleteStream(b -> b.streamName(stream).enforceConsumerDeletion(true));
    }
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (!kinesis.listStreams().streamNames().isEmpty() || !dynamoDb.listTables().tableNames().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the emulators still have streams or tables a minute after deleting them");
      }
      Thread.sleep(100);
    }
  }
}
