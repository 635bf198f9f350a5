package dev.runnel.functions.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.CheckpointTable;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.emulators.DynamoDbLocal;
import dev.runnel.functions.StageHandler;
import dev.runnel.functions.StageResources;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.RetriedClicks;
import dev.runnel.plan.Plan;
import dev.runnel.plan.TableRole;
import dev.runnel.planner.Planner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code @Source(idField)} in the stage handler on DynamoDB Local, where the id memory is rebuilt from its segments:
 * every instance here is new unless said otherwise, crashes happen after each commit step, batches are re-split and a
 * zombie runs late. The records whose outputs exist must be exactly the first copies a sequential reading finds.
 */
class ProducerCopiesEmulatorTest {
  private static final Plan PLAN = Planner.plan(RetriedClicks.class);
  private static final long WINDOW = 600_000;
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final AtomicInteger SHARDS = new AtomicInteger();

  private static DynamoDbLocal dynamoDbLocal;
  private static DynamoDbClient dynamoDb;

  private final FakeKinesis kinesis = new FakeKinesis();
  private final String shard = "shardId-" + String.format("%012d", SHARDS.incrementAndGet());

  /** One input record: its position, id and arrival. */
  private record Click(int seq, String id, Instant arrival) {
    String sequence() {
      return String.valueOf(49_600_000_000_000L + seq);
    }
  }

  @BeforeAll
  static void start() {
    dynamoDbLocal = new DynamoDbLocal().start();
    dynamoDb = dynamoDbLocal.client();
    CheckpointTable.create(dynamoDb, PLAN.tables(TableRole.CHECKPOINT).get(0).name());
    String deadLetters = PLAN.deadLetterTable().name();
    dynamoDb.createTable(b -> b.tableName(deadLetters).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attribute("source"), attribute("position"))
        .keySchema(KeySchemaElement.builder().attributeName("source").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("position").keyType(KeyType.RANGE).build()));
  }

  @AfterAll
  static void stop() {
    if (dynamoDb != null) {
      dynamoDb.close();
    }
    if (dynamoDbLocal != null) {
      dynamoDbLocal.close();
    }
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
  }

  /**
   * 162 clicks over 40 ids, one a second, with copies next to each other (and twice right after one first copy) and
   * far apart; the last 40 arrive after a pause longer than the window, so a copy of an early id there is a first copy
   * again. Sequence numbers rise along the list.
   */
  private static List<Click> clicks() {
    List<String> ids = new ArrayList<>();
    List<Instant> arrivals = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      ids.add("k" + (i * 7 % 40));
      arrivals.add(T0.plusSeconds(i).plusMillis(i >= 120 ? WINDOW + 60_000 : 0));
      if (i == 10) {
        ids.add(ids.get(10));
        arrivals.add(arrivals.get(10));
        ids.add(ids.get(10));
        arrivals.add(arrivals.get(10));
      }
    }
    List<Click> clicks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      clicks.add(new Click(i, ids.get(i), arrivals.get(i)));
    }
    return clicks;
  }

  /** The positions of the first copies, read one record at a time. */
  private static Set<String> firstCopies(List<Click> clicks) {
    Map<String, Instant> first = new HashMap<>();
    Set<String> applied = new TreeSet<>();
    for (Click click : clicks) {
      Instant seen = first.get(click.id());
      if (seen == null || click.arrival().toEpochMilli() - seen.toEpochMilli() > WINDOW) {
        first.put(click.id(), click.arrival());
        applied.add(click.sequence());
      }
    }
    return applied;
  }

  private KinesisEvent event(List<Click> clicks) {
    KinesisEvents events = KinesisEvents.onShard(shard);
    for (Click click : clicks) {
      events.arrivedAt(click.arrival()).add(click.sequence(), "pk-" + click.id(),
          "{\"id\":\"" + click.id() + "\",\"user\":\"u" + click.seq() % 5 + "\"}");
    }
    return events.build();
  }

  private StageHandler instance(CommitObserver observer) {
    return new StageHandler(PLAN, RetriedClicks.STAGE, new StageResources(kinesis, dynamoDb, (sink, json) -> { },
        observer));
  }

  /** The input positions whose outputs reached the sink stream (each output's identity names its input). */
  private Set<String> applied() {
    Set<String> positions = new TreeSet<>();
    kinesis.accepted("rclicks-out").forEach(entry -> positions.add(
        RecordIdentity.parse(entry.partitionKey()).orElseThrow().sequenceNumber()));
    return positions;
  }

  @Test
  void theInputHasCopiesInOneBatchAcrossBatchesAndAfterTheWindow() {
    Set<String> first = firstCopies(clicks());
    assertThat(first).hasSizeBetween(60, 100);
    StageHandler warm = instance(CommitObserver.NONE);
    List<Click> clicks = clicks();
    for (int from = 0; from < 160; from += 40) {
      warm.handleRequest(event(clicks.subList(from, from + 40)), null);
    }
    assertThat(warm.metrics().checkpointRequests()).as("per batch: checkpoint read, id segment, commit")
        .isEqualTo(4 * 3);
    StageHandler cold = instance(CommitObserver.NONE);
    cold.handleRequest(event(clicks.subList(160, clicks.size())), null);
    assertThat(cold.metrics().checkpointRequests())
        .as("a rebuild reads back to the first segment older than the window (the pause), no further")
        .isEqualTo(1 + 2 + 1 + 1);
    assertThat(applied()).isEqualTo(first);
    assertThat(warm.metrics().skipped() + cold.metrics().skipped()).isEqualTo(clicks.size() - first.size());
  }

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, mode = EnumSource.Mode.MATCH_NONE, names = {"ROUND_.*", "MODEL_.*", "SNAPSHOT_.*"})
  void aNewInstanceForEveryBatchAndACrashAfterEachStepDecideAsOneReading(CommitStep step) {
    List<Click> clicks = clicks();
    for (int from = 0; from < clicks.size(); from += 25) {
      List<Click> batch = clicks.subList(from, Math.min(clicks.size(), from + 25));
      StageHandler crashing = instance((reached, stage, shardId) -> {
        if (reached == step) {
          throw new IllegalStateException("crash after " + step);
        }
      });
      assertThatThrownBy(() -> crashing.handleRequest(event(batch), null)).hasMessageContaining("crash after");
      instance(CommitObserver.NONE).handleRequest(event(batch), null); // Lambda retries in a new environment
    }
    assertThat(applied()).isEqualTo(firstCopies(clicks));
  }

  @Test
  void reSplitRetriesAZombieAndAWarmInstanceThatWroteAheadDecideAsOneReading() {
    List<Click> clicks = clicks();
    java.util.concurrent.atomic.AtomicBoolean crashed = new java.util.concurrent.atomic.AtomicBoolean();
    StageHandler ahead = instance((reached, stage, shardId) -> {
      if (reached == CommitStep.STATE_WRITTEN && crashed.compareAndSet(false, true)) {
        throw new IllegalStateException("crash before the checkpoint");
      }
    });
    // an instance reads far ahead, writes its segment up to 100, and never commits
    assertThatThrownBy(() -> ahead.handleRequest(event(clicks.subList(0, 100)), null)).isInstanceOf(
        IllegalStateException.class);
    // the retry is bisected: a new instance commits 0..49, then 50..69
    StageHandler retry = instance(CommitObserver.NONE);
    retry.handleRequest(event(clicks.subList(0, 50)), null);
    retry.handleRequest(event(clicks.subList(50, 70)), null);
    // a zombie of the first attempt runs late, in a new environment, and loses
    try {
      instance(CommitObserver.NONE).handleRequest(event(clicks.subList(0, 100)), null);
    } catch (RuntimeException lostToTheRetry) {
      // a conflict: another invocation committed first
    }
    // the instance that wrote ahead gets the next batch: its memory covers more than the checkpoint
    ahead.handleRequest(event(clicks.subList(70, 130)), null);
    retry.handleRequest(event(clicks.subList(100, clicks.size())), null);
    assertThat(applied()).isEqualTo(firstCopies(clicks));
  }
}
