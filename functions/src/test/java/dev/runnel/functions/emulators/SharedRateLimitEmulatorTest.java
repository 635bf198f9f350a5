package dev.runnel.functions.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.RateLimitedJob;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.inference.calling.ModelEnvironment;
import dev.runnel.inference.secrets.EnvironmentSecrets;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.plan.Plan;
import dev.runnel.plan.TableSpec;
import dev.runnel.planner.Planner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Two function instances of one stage (one per shard) call a model limited to 240 requests a minute, drawing from one
 * token bucket in DynamoDB Local. Measured at the model server: in no window of w seconds do more than B + w·(N − B)/60
 * requests arrive (B = N/20, docs/inference.md; plus one for the time between admission and arrival), although
 * both instances together have far more work than that.
 */
class SharedRateLimitEmulatorTest {
  private static final int PER_SHARD = 24;
  private static final int N = 240;
  private static final double BURST = N / 20.0;
  private static final double PER_SECOND = (N - BURST) / 60.0;

  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;
  private static LocalModelServer server;

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = dynamoDbLocal.client();
    server = LocalModelServer.start(LocalModelServer.Config.defaults());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (dynamoDbLocal != null) {
      dynamoDbLocal.close();
    }
  }

  @Test
  void twoInstancesTogetherStayWithinTheModelsRequestsPerMinute() throws Exception {
    Plan plan = Planner.plan(RateLimitedJob.class);
    for (TableSpec table : plan.tables()) {
      createTable(table);
    }
    Map<String, String> variables = Map.of(ModelEnvironment.endpointVariable("tagger"), server.openAiBaseUrl());
    FakeKinesis kinesis = new FakeKinesis();
    List<StageHandler> instances = new ArrayList<>();
    for (int shard = 0; shard < 2; shard++) {
      ModelAccess models = new ModelAccess(variables, new EnvironmentSecrets(variables), Region.US_EAST_1,
          StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")), ModelAccess.countersPerStage());
      instances.add(new StageHandler(plan, RateLimitedJob.STAGE,
          new StageResources(kinesis, dynamoDb, (sink, json) -> { }, CommitObserver.NONE, models)));
    }
    // Warm instances: a cold one's first requests are admitted, then wait for its HTTP client to start, and reach
    // the server bunched with later ones (docs/inference.md). Then let the bucket refill to its burst.
    runConcurrently(instances, 0, 1);
    Thread.sleep((long) (BURST / PER_SECOND * 1000) + 500);
    server.log().reset();
    long started = System.nanoTime();
    runConcurrently(instances, 1, PER_SHARD);
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(server.log().count(Endpoint.CHAT)).isEqualTo(2 * PER_SHARD);
    assertThat(kinesis.accepted("limited-out")).hasSize(2 * (PER_SHARD + 1));
    for (int window : new int[] {1, 3, 5}) {
      int most = server.log().maxInWindow(Duration.ofSeconds(window));
      System.out.printf("at most %d requests in any %d s window (bound %.1f)%n", most, window,
          BURST + window * PER_SECOND);
      // the bucket admits at most B + w·rate in any window; one more may arrive in it for the few milliseconds
      // between a request's admission and its arrival at the server
      assertThat((double) most).as("requests in any %d s window", window)
          .isLessThanOrEqualTo(Math.floor(BURST + window * PER_SECOND) + 1);
    }
    assertThat(seconds).as("48 requests at 240/min with a burst of 12 take at least (48 − 12) / 3.8 s")
        .isGreaterThanOrEqualTo((2 * PER_SHARD - BURST) / PER_SECOND * 0.9);
  }

  /** Each instance handles a batch of its own shard's records {@code first..first+count-1}, both at once. */
  private static void runConcurrently(List<StageHandler> instances, int first, int count) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(instances.size());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int shard = 0; shard < instances.size(); shard++) {
        KinesisEvents events = KinesisEvents.onShard("shardId-00000000000" + shard);
        for (int i = first; i < first + count; i++) {
          events.add(String.valueOf(49_000_000_000L + i), "c" + shard + "-" + i,
              "{\"id\":\"c" + shard + "-" + i + "\",\"text\":\"comment " + i + " on shard " + shard + "\"}");
        }
        StageHandler instance = instances.get(shard);
        running.add(threads.submit(() -> instance.handleRequest(events.build(), null)));
      }
      for (Future<?> instance : running) {
        instance.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  private static void createTable(TableSpec table) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> keys = new ArrayList<>();
    attributes.add(AttributeDefinition.builder().attributeName(table.partitionKey())
        .attributeType(ScalarAttributeType.S).build());
    keys.add(KeySchemaElement.builder().attributeName(table.partitionKey()).keyType(KeyType.HASH).build());
    if (table.sortKey() != null) {
      attributes.add(AttributeDefinition.builder().attributeName(table.sortKey())
          .attributeType(ScalarAttributeType.S).build());
      keys.add(KeySchemaElement.builder().attributeName(table.sortKey()).keyType(KeyType.RANGE).build());
    }
    dynamoDb.createTable(b -> b.tableName(table.name()).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attributes).keySchema(keys));
  }
}
