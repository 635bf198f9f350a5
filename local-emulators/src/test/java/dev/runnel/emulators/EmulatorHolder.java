package dev.runnel.emulators;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Run in a child JVM by {@link KilledParentTest}: starts the three emulators (kinesis-local and DynamoDB Local
 * persistent in the directory given), writes a stream with {@code records} records and a table with one item,
 * prints {@code READY} and waits to be killed.
 */
public final class EmulatorHolder {
  private EmulatorHolder() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int records = Integer.parseInt(args[1]);
    KinesisLocal kinesisLocal = KinesisLocal.persistentIn(dir.resolve("kinesis")).start();
    DynamoDbLocal dynamoDbLocal = DynamoDbLocal.persistentIn(dir.resolve("dynamodb")).start();
    MotoServer moto = new MotoServer().start();
    try (KinesisClient kinesis = kinesisLocal.client(); DynamoDbClient dynamoDb = dynamoDbLocal.client()) {
      kinesis.createStream(b -> b.streamName("kept").shardCount(2));
      while (kinesis.describeStreamSummary(b -> b.streamName("kept")).streamDescriptionSummary().streamStatus()
          != StreamStatus.ACTIVE) {
        Thread.sleep(50);
      }
      for (int i = 1; i <= records; i++) {
        String key = Integer.toString(i);
        kinesis.putRecord(b -> b.streamName("kept").partitionKey(key).data(SdkBytes.fromUtf8String("record " + key)));
      }
      dynamoDb.createTable(b -> b.tableName("kept").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
      dynamoDb.putItem(b -> b.tableName("kept").item(Map.of("id", AttributeValue.fromS("one"),
          "value", AttributeValue.fromS("kept across kill -9"))));
      System.out.println("READY " + moto.endpoint() + " " + kinesisLocal.endpoint() + " " + dynamoDbLocal.endpoint());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
