package dev.runnel.localrunner.provision;

import dev.runnel.checkpointing.progress.ProgressTable;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableSpec;
import dev.runnel.statestore.statelog.StateLogTable;
import dev.runnel.statestore.timers.TimerIndexTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Creates every stream of a plan with its shard count and every table with its string partition and sort keys,
 * on demand, then waits until all are ACTIVE and turns on the TTL of tables whose plan names a TTL attribute (the
 * dead letters). Resources that already exist are left as they are, except that a missing TTL is turned on. The progress table
 * and the timer index of a job with event time, and the state log of a job with keyed state, are created by their
 * stores' own {@code create}, so that their shape is the one those stores read and write.
 */
public final class Provisioner {
  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);

  private final KinesisClient kinesis;
  private final DynamoDbClient dynamoDb;

  /** A provisioner using these clients. */
  public Provisioner(KinesisClient kinesis, DynamoDbClient dynamoDb) {
    this.kinesis = kinesis;
    this.dynamoDb = dynamoDb;
  }

  /** Creates the plan's streams and tables and returns once every one is ACTIVE. */
  public void provision(Plan plan) {
    if (!plan.kafkaTopics().isEmpty()) {
      throw new IllegalArgumentException("job " + plan.job() + " uses the Kafka topics " + plan.kafkaTopics()
          + ", and local runs over Kafka are not built yet (docs/kafka.md, \"Status\"): use Kinesis streams"
          + " (@Source(stream), @Sink(stream), no @StreamingJob(edges)) to run it locally for now");
    }
    for (StreamSpec stream : plan.streams()) {
      createStream(stream);
    }
    for (TableSpec table : plan.tables()) {
      createTable(table);
    }
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    for (StreamSpec stream : plan.streams()) {
      awaitActive("stream " + stream.name(), deadline, () -> kinesis.describeStreamSummary(b -> b.streamName(
          stream.name())).streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
    }
    for (TableSpec table : plan.tables()) {
      awaitActive("table " + table.name(), deadline, () -> dynamoDb.describeTable(b -> b.tableName(table.name()))
          .table().tableStatus() == TableStatus.ACTIVE);
    }
    for (TableSpec table : plan.tables()) {
      if (table.ttlAttribute() != null) {
        enableTtl(table);
      }
    }
  }

  /** Turns on the table's TTL on its attribute, unless it is on already (DynamoDB refuses to turn it on twice). */
  private void enableTtl(TableSpec table) {
    TimeToLiveStatus status = dynamoDb.describeTimeToLive(b -> b.tableName(table.name()))
        .timeToLiveDescription().timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      return;
    }
    dynamoDb.updateTimeToLive(b -> b.tableName(table.name()).timeToLiveSpecification(
        TimeToLiveSpecification.builder().attributeName(table.ttlAttribute()).enabled(true).build()));
  }

  private void createStream(StreamSpec stream) {
    try {
      kinesis.createStream(b -> b.streamName(stream.name()).shardCount(stream.shards()));
    } catch (software.amazon.awssdk.services.kinesis.model.ResourceInUseException alreadyThere) {
      // created by an earlier run against the same emulator
    }
  }

  private void createTable(TableSpec table) {
    switch (table.role()) {
      case PROGRESS -> ProgressTable.create(dynamoDb, table.name());
      case TIMERS -> TimerIndexTable.create(dynamoDb, table.name());
      case STATE_LOG -> StateLogTable.create(dynamoDb, table.name());
      default -> createKeyedTable(table);
    }
  }

  private void createKeyedTable(TableSpec table) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> keys = new ArrayList<>();
    attributes.add(stringAttribute(table.partitionKey()));
    keys.add(KeySchemaElement.builder().attributeName(table.partitionKey()).keyType(KeyType.HASH).build());
    if (table.sortKey() != null) {
      attributes.add(stringAttribute(table.sortKey()));
      keys.add(KeySchemaElement.builder().attributeName(table.sortKey()).keyType(KeyType.RANGE).build());
    }
    try {
      dynamoDb.createTable(b -> b.tableName(table.name()).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(attributes).keySchema(keys));
    } catch (ResourceInUseException alreadyThere) {
      // created by an earlier run against the same emulator
    }
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  private static void awaitActive(String what, long deadline, java.util.function.BooleanSupplier active) {
    while (!active.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not become ACTIVE within " + ACTIVE_TIMEOUT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }
}
