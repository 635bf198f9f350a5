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
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
  private final String kafkaBootstrapServers;

  /** A provisioner using these clients; it refuses plans with Kafka topics. */
  public Provisioner(KinesisClient kinesis, DynamoDbClient dynamoDb) {
    this(kinesis, dynamoDb, null);
  }

  /**
   * A provisioner using these clients, creating the plan's Kafka topics (as many partitions as the plan says, one
   * replica) on the cluster at {@code kafkaBootstrapServers}, or refusing plans with topics when it is null.
   */
  public Provisioner(KinesisClient kinesis, DynamoDbClient dynamoDb, String kafkaBootstrapServers) {
    this.kinesis = kinesis;
    this.dynamoDb = dynamoDb;
    this.kafkaBootstrapServers = kafkaBootstrapServers;
  }

  /** Creates the plan's streams and tables and returns once every one is ACTIVE. */
  public void provision(Plan plan) {
    if (!plan.kafkaTopics().isEmpty() && kafkaBootstrapServers == null) {
      throw new IllegalArgumentException("job " + plan.job() + " uses the Kafka topics " + plan.kafkaTopics()
          + ", and this provisioner has no Kafka cluster to create them on (docs/kafka.md, \"Local runs\"): run the"
          + " job with the local runner (JobRun), which starts an embedded Kafka broker for a plan with topics");
    }
    List<StreamSpec> kinesisStreams = plan.streams().stream().filter(stream -> !stream.kafka()).toList();
    if (!plan.kafkaTopics().isEmpty()) {
      createTopics(plan.streams().stream().filter(StreamSpec::kafka).toList());
    }
    for (StreamSpec stream : kinesisStreams) {
      createStream(stream);
    }
    for (TableSpec table : plan.tables()) {
      createTable(table);
    }
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    for (StreamSpec stream : kinesisStreams) {
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

  /** Creates the topics that do not exist yet and waits until every one is created. */
  private void createTopics(List<StreamSpec> topics) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers))) {
      java.util.Set<String> existing = admin.listTopics().names().get(ACTIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      List<NewTopic> created = topics.stream().filter(topic -> !existing.contains(topic.name()))
          .map(topic -> new NewTopic(topic.name(), topic.shards(), (short) 1)).toList();
      if (!created.isEmpty()) {
        admin.createTopics(created).all().get(ACTIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create the Kafka topics " + topics.stream().map(StreamSpec::name)
          .toList() + " on " + kafkaBootstrapServers + ": " + e.getMessage(), e);
    }
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
