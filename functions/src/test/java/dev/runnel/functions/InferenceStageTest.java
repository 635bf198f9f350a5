package dev.runnel.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import dev.runnel.functions.exactlyonce.CommitObserver;
import dev.runnel.functions.exactlyonce.CommitStep;
import dev.runnel.functions.fixtures.FakeDynamoDb;
import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.fixtures.KinesisEvents;
import dev.runnel.functions.fixtures.ModelJob;
import dev.runnel.functions.inference.ModelAccess;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.inference.ModelUnavailableException;
import dev.runnel.inference.calling.ModelEnvironment;
import dev.runnel.inference.results.InMemoryInferenceResultStore;
import dev.runnel.inference.secrets.EnvironmentSecrets;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.Outage;
import dev.runnel.modelserver.faults.Trigger;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import dev.runnel.statestore.memory.InMemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * An inference stage over real HTTP (the local model server, OpenAI-compatible and Bedrock Converse) with in-memory
 * stores: each record's model is asked once, however the batch is retried, re-split or crashed; a record whose call
 * fails for good goes to the dead letters with the model's error and the others go on; an open circuit fails the batch
 * and its retry finishes it.
 */
class InferenceStageTest {
  private static final Plan PLAN = Planner.plan(ModelJob.class);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
  private static final String SHARD = "shardId-000000000000";
  private static final String[] TEXTS = {"I love this stream", "this is terrible", "what time is it",
      "amazing deal, great host", "the worst, a scam"};

  private static LocalModelServer server;

  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
  private final InMemoryStateStore states = new InMemoryStateStore(CLOCK);
  private final InMemoryInferenceResultStore answers = new InMemoryInferenceResultStore();
  private final FakeKinesis kinesis = new FakeKinesis();
  private final FakeDynamoDb dynamoDb = new FakeDynamoDb(Map.of("moods-dead-letters", List.of("source", "position")));

  @BeforeAll
  static void startServer() {
    server = LocalModelServer.start(LocalModelServer.Config.defaults().withApiKey("test-key"));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void clearServer() {
    server.faults(Faults.NONE);
    server.log().reset();
  }

  private StageHandler instance(CommitObserver observer) {
    Map<String, String> variables = Map.of(
        ModelEnvironment.endpointVariable("sentiment"), server.openAiBaseUrl(),
        ModelEnvironment.endpointVariable("checker"), server.bedrockEndpoint(),
        "MOODS_KEY", "test-key");
    ModelAccess models = new ModelAccess(variables, new EnvironmentSecrets(variables), Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")), ModelAccess.countersPerStage());
    return new StageHandler(PLAN, ModelJob.MODEL_STAGE,
        new StageResources(kinesis, dynamoDb, (sink, json) -> { }, observer, models), RetryPolicy.immediate(3), CLOCK,
        checkpoints, states, null, null, answers);
  }

  private static KinesisEvent comments(int first, int count) {
    KinesisEvents events = KinesisEvents.onShard(SHARD);
    for (int i = first; i < first + count; i++) {
      events.add(String.valueOf(49_000_000_000L + i), "c" + i,
          "{\"id\":\"c" + i + "\",\"text\":\"" + TEXTS[i % TEXTS.length] + " (" + i + ")\"}");
    }
    return events.build();
  }

  /** The last payload per id of a stream sink. */
  private Map<String, String> byId(String stream) {
    Map<String, String> byId = new TreeMap<>();
    kinesis.accepted(stream).forEach(entry -> {
      String json = entry.data().asString(StandardCharsets.UTF_8);
      byId.put(json.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"), json);
    });
    return byId;
  }

  private static int chats() {
    return server.log().count(Endpoint.CHAT);
  }

  private static int converses() {
    return server.log().count(Endpoint.CONVERSE);
  }

  @Test
  void eachRecordIsAskedOncePerModelAndARedeliveredBatchAsksNothing() {
    StageHandler handler = instance(CommitObserver.NONE);
    handler.handleRequest(comments(0, 20), null);
    handler.handleRequest(comments(0, 20), null);
    instance(CommitObserver.NONE).handleRequest(comments(0, 20), null);

    assertThat(dynamoDb.items("moods-dead-letters")).as("dead letters").isEmpty();
    assertThat(chats()).isEqualTo(20);
    assertThat(converses()).isEqualTo(20);
    assertThat(server.log().duplicatePrompts()).isEmpty();
    assertThat(byId("moods-out")).hasSize(20);
    assertThat(byId("moods-out").get("c0")).contains("\"sentiment\":\"positive\"");
    assertThat(byId("moods-out").get("c1")).contains("\"sentiment\":\"negative\"");
    assertThat(byId("checked-out")).hasSize(20);
    assertThat(handler.inferenceMetrics().prompts()).isEqualTo(40);
  }

  @ParameterizedTest
  @EnumSource(value = CommitStep.class, mode = EnumSource.Mode.MATCH_NONE, names = {"ROUND_.*", "SNAPSHOT_.*"})
  void aCrashAfterAnyStepThenARetryCallsNoModelAgain(CommitStep step) {
    KinesisEvent batch = comments(0, 15);
    assertThatThrownBy(() -> instance(crashOnceAt(step)).handleRequest(batch, null))
        .isInstanceOf(InjectedCrash.class);
    StageHandler retry = instance(CommitObserver.NONE);
    retry.handleRequest(batch, null);

    assertThat(chats()).isEqualTo(15);
    assertThat(converses()).isEqualTo(15);
    assertThat(byId("moods-out")).hasSize(15);
    boolean answersStored = step.compareTo(CommitStep.MODEL_ANSWERS_STORED) >= 0
        && step.compareTo(CommitStep.CHECKPOINT_COMMITTED) < 0;
    // before the answers are stored nothing was asked; once the checkpoint is committed the retry is a redelivery
    assertThat(retry.inferenceMetrics().cacheHits()).as("the retry reused every stored answer")
        .isEqualTo(answersStored ? 30 : 0);
  }

  @Test
  void aReSplitRetryReusesTheAnswersOfTheWholeBatch() {
    assertThatThrownBy(() -> instance(crashOnceAt(CommitStep.MODEL_ANSWERS_STORED))
        .handleRequest(comments(0, 20), null)).isInstanceOf(InjectedCrash.class);
    StageHandler retry = instance(CommitObserver.NONE);
    retry.handleRequest(comments(0, 10), null);
    retry.handleRequest(comments(10, 10), null);

    assertThat(chats()).isEqualTo(20);
    assertThat(byId("moods-out")).hasSize(20);
  }

  @Test
  void aRecordWhoseCallFailsForGoodIsADeadLetterAndTheOthersGoOnWithoutAskingAgain() {
    server.faults(Faults.of(FaultRule.of(Trigger.promptContains("(7)"), FaultAction.reject("this comment cannot be processed"))));
    StageHandler handler = instance(CommitObserver.NONE);
    handler.handleRequest(comments(0, 12), null);
    int chatsAfterFirst = chats();
    instance(CommitObserver.NONE).handleRequest(comments(0, 12), null);

    assertThat(byId("moods-out")).hasSize(11).doesNotContainKey("c7");
    List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> letters =
        dynamoDb.items("moods-dead-letters");
    assertThat(letters).singleElement().satisfies(letter -> {
      assertThat(letter.get("errorType").s()).isEqualTo("model");
      assertThat(letter.get("error").s()).contains("model '").contains("400").contains(SHARD)
          .contains("49000000007");
      assertThat(letter.get("payload").b().asUtf8String()).contains("\"id\":\"c7\"");
    });
    assertThat(chats()).as("a 400 is not retried, and the stored failure is reused").isEqualTo(chatsAfterFirst);
  }

  @Test
  void answersThatBreakTheSchemaAndServerErrorsAreRetriedThenAccepted() {
    server.faults(Faults.of(
        FaultRule.of(Trigger.firstN(2), FaultAction.breakSchema(dev.runnel.modelserver.faults.SchemaBreak.OUTSIDE_ENUM))
            .on(Endpoint.CHAT),
        FaultRule.of(Trigger.everyNth(5), FaultAction.serverError()).on(Endpoint.CONVERSE)));
    StageHandler handler = instance(CommitObserver.NONE);
    handler.handleRequest(comments(0, 10), null);

    assertThat(byId("moods-out")).hasSize(10);
    assertThat(byId("checked-out")).hasSize(10);
    assertThat(handler.inferenceMetrics().retries()).isGreaterThanOrEqualTo(4);
    assertThat(dynamoDb.items("moods-dead-letters")).isEmpty();
  }

  @Test
  void whenTheEndpointIsDownTheBatchFailsFastAndItsRetryFinishesIt() {
    server.faults(Faults.down(Outage.UNAVAILABLE));
    StageHandler handler = instance(CommitObserver.NONE);
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThatThrownBy(() -> handler.handleRequest(comments(0, 10), null))
          .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("unavailable");
    }
    assertThat(kinesis.accepted("moods-out")).as("nothing of a failed batch is emitted").isEmpty();
    assertThat(dynamoDb.items("moods-dead-letters")).as("an outage is not the records' fault").isEmpty();
    server.faults(Faults.NONE);
    int before = chats();
    instance(CommitObserver.NONE).handleRequest(comments(0, 10), null);

    assertThat(byId("moods-out")).hasSize(10);
    assertThat(server.log().duplicatePrompts()).isEmpty();
    assertThat(chats() - before).isLessThanOrEqualTo(10);
  }

  private static CommitObserver crashOnceAt(CommitStep step) {
    boolean[] crashed = {false};
    return (reached, stage, shard) -> {
      if (reached == step && !crashed[0]) {
        crashed[0] = true;
        throw new InjectedCrash(step);
      }
    };
  }

  static final class InjectedCrash extends dev.runnel.functions.exactlyonce.SimulatedCrash {
    InjectedCrash(CommitStep step) {
      super("crash after " + step);
    }
  }
}
