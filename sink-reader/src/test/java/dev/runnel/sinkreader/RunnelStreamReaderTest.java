package dev.runnel.sinkreader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.emulators.KinesisLocal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The reader against kinesis-local and DynamoDB Local (KCL's leases): a sink stream holding records Runnel wrote,
 * some of them twice, and records of another producer. Every distinct record reaches the handler exactly once.
 */
class RunnelStreamReaderTest {
  private static final String STREAM = "orders-sink";
  private static final String APPLICATION = "billing-service";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("runnellocal", "runnellocal"));

  private static KinesisLocal kinesisLocal;
  private static DynamoDbLocal dynamoDbLocal;

  @BeforeAll
  static void startEmulators() {
    CompletableFuture<KinesisLocal> kinesis = CompletableFuture.supplyAsync(() -> new KinesisLocal().start());
    dynamoDbLocal = new DynamoDbLocal().start();
    kinesisLocal = kinesis.join();
  }

  @AfterAll
  static void stopEmulators() {
    if (kinesisLocal != null) {
      kinesisLocal.close();
    }
    if (dynamoDbLocal != null) {
      dynamoDbLocal.close();
    }
  }

  @Test
  void everyDistinctRecordReachesTheHandlerExactlyOnce() {
    Map<String, String> lastWrittenPerShard;
    List<String> distinctKeys = new ArrayList<>();
    try (KinesisClient kinesis = kinesisLocal.client(); DynamoDbClient dynamoDb = dynamoDbLocal.client()) {
      createStream(kinesis, 2);
      createLeaseTable(dynamoDb);

      List<PutRecordsRequestEntry> firsts = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        String producerShard = "shardId-00000000000" + (i % 2);
        RecordIdentity id = new RecordIdentity("enrich", producerShard, Long.toString(100 + i / 2), i % 3, "-");
        distinctKeys.add(id.toPartitionKey());
        firsts.add(runnelEntry(id.toPartitionKey(), "customer-" + i % 7, "{\"order\":" + i + "}"));
      }
      firsts.add(plainEntry("customer-1", "{\"external\":1}"));
      firsts.add(plainEntry("customer-1", "{\"external\":1}"));
      List<PutRecordsResultEntry> firstResults = put(kinesis, firsts);

      // an upstream invocation crashed after its PutRecords was acknowledged; its retry writes 10 of them again
      List<PutRecordsRequestEntry> copies = new ArrayList<>();
      for (int i = 0; i < 30; i += 3) {
        copies.add(firsts.get(i));
      }
      List<PutRecordsResultEntry> copyResults = put(kinesis, copies);
      for (int c = 0; c < copies.size(); c++) {
        assertThat(copyResults.get(c).shardId()).as("a copy lands on its original's shard")
            .isEqualTo(firstResults.get(c * 3).shardId());
      }
      lastWrittenPerShard = lastSequencePerShard(firstResults, copyResults);
      assertThat(lastWrittenPerShard).as("records on both shards").hasSize(2);
    }

    Queue<RunnelRecord> handled = new ConcurrentLinkedQueue<>();
    try (KinesisAsyncClient kinesis = kinesisAsyncClient();
         DynamoDbAsyncClient dynamoDb = dynamoDbAsyncClient();
         DynamoDbClient leases = dynamoDbLocal.client();
         RunnelStreamReader reader = RunnelStreamReader.builder()
             .streamName(STREAM)
             .applicationName(APPLICATION)
             .kinesisClient(kinesis)
             .dynamoDbClient(dynamoDb)
             .handler(handled::add)
             .pollInterval(Duration.ofMillis(200))
             .failoverTime(Duration.ofSeconds(3))
             .shardSyncInterval(Duration.ofMillis(200))
             .shutdownTimeout(Duration.ofSeconds(10))
             .build()
             .start()) {
      // done when KCL's checkpoint of each shard reached the last record written there, copies included
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertThat(checkpoints(leases)).isEqualTo(lastWrittenPerShard));
      assertThat(reader.failure()).isEmpty();
    }

    Map<String, Long> timesHandled = handled.stream()
        .filter(record -> record.identity() != null)
        .collect(Collectors.groupingBy(record -> record.identity().toPartitionKey(), Collectors.counting()));
    assertThat(timesHandled).hasSize(distinctKeys.size()).allSatisfy((key, times) -> assertThat(times).isOne());
    assertThat(timesHandled.keySet()).containsExactlyInAnyOrderElementsOf(distinctKeys);
    assertThat(handled).filteredOn(record -> record.identity() == null)
        .extracting(record -> new String(record.payload(), StandardCharsets.UTF_8))
        .as("another producer's records are not deduplicated")
        .containsExactly("{\"external\":1}", "{\"external\":1}");
  }

  /** A record as Runnel writes it: the identity as partition key, routed by the record's key. */
  private static PutRecordsRequestEntry runnelEntry(String identityKey, String routingKey, String json) {
    return PutRecordsRequestEntry.builder()
        .partitionKey(identityKey)
        .explicitHashKey(RecordIdentity.explicitHashKey(routingKey))
        .data(SdkBytes.fromUtf8String(json))
        .build();
  }

  private static PutRecordsRequestEntry plainEntry(String partitionKey, String json) {
    return PutRecordsRequestEntry.builder().partitionKey(partitionKey).data(SdkBytes.fromUtf8String(json)).build();
  }

  private static List<PutRecordsResultEntry> put(KinesisClient kinesis, List<PutRecordsRequestEntry> entries) {
    List<PutRecordsResultEntry> results =
        kinesis.putRecords(b -> b.streamName(STREAM).records(entries)).records();
    assertThat(results).allSatisfy(result -> assertThat(result.errorCode()).isNull());
    return results;
  }

  @SafeVarargs
  private static Map<String, String> lastSequencePerShard(List<PutRecordsResultEntry>... writes) {
    Map<String, String> last = new HashMap<>();
    for (List<PutRecordsResultEntry> write : writes) {
      for (PutRecordsResultEntry result : write) {
        last.merge(result.shardId(), result.sequenceNumber(),
            (a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)) >= 0 ? a : b);
      }
    }
    return last;
  }

  /** KCL's checkpoint per shard, from its lease table. */
  private static Map<String, String> checkpoints(DynamoDbClient dynamoDb) {
    return dynamoDb.scan(b -> b.tableName(APPLICATION).consistentRead(true)).items().stream()
        .filter(item -> item.containsKey("checkpoint"))
        .collect(Collectors.toMap(item -> item.get("leaseKey").s(), item -> item.get("checkpoint").s()));
  }

  private static void createStream(KinesisClient kinesis, int shards) {
    kinesis.createStream(b -> b.streamName(STREAM).shardCount(shards));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> kinesis.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary()
            .streamStatus() == StreamStatus.ACTIVE);
  }

  /** KCL's lease table with the index KCL 3 otherwise adds and waits for (about 10 s saved). */
  private static void createLeaseTable(DynamoDbClient dynamoDb) {
    dynamoDb.createTable(b -> b.tableName(APPLICATION)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("leaseOwner").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
        .globalSecondaryIndexes(g -> g.indexName("LeaseOwnerToLeaseKeyIndex")
            .keySchema(
                k -> k.attributeName("leaseOwner").keyType(KeyType.HASH),
                k -> k.attributeName("leaseKey").keyType(KeyType.RANGE))
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
  }

  /** HTTP/1.1: kinesis-local serves plain HTTP, where the SDK's default HTTP/2 for Kinesis cannot connect. */
  private static KinesisAsyncClient kinesisAsyncClient() {
    return KinesisAsyncClient.builder()
        .endpointOverride(kinesisLocal.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
        .build();
  }

  private static DynamoDbAsyncClient dynamoDbAsyncClient() {
    return DynamoDbAsyncClient.builder()
        .endpointOverride(dynamoDbLocal.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .build();
  }
}
