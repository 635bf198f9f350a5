package dev.runnel.inference.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.ModelResult;
import dev.runnel.inference.Prompt;
import dev.runnel.inference.calling.CollectedResults;
import dev.runnel.inference.calling.JsonLabelCheck;
import dev.runnel.inference.calling.ModelCallers;
import dev.runnel.inference.calling.ModelEnvironment;
import dev.runnel.inference.calling.TestModels;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.SchemaBreak;
import dev.runnel.modelserver.faults.Trigger;
import dev.runnel.modelserver.log.LoggedRequest;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelLimits;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Bedrock Converse with a forced tool, and its errors, against the local model server. */
class BedrockCallerTest {
  private static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
  private static LocalModelServer server;
  private InferenceCounters counters;

  @BeforeAll
  static void start() {
    server = LocalModelServer.start(LocalModelServer.Config.defaults());
    // the AWS SDK's first call in a JVM loads for a second or more: keep it out of the timed tests
    try (ModelCaller caller = ModelCallers.create(model(TestModels.limits(1, 30_000, 0, 1)), InferenceTask.CLASSIFY,
        TestModels.SENTIMENT_SCHEMA, environment(new InferenceCounters()))) {
      caller.callAll(List.of(new Prompt("warm-up", "warm up")), AnswerCheck.ANY, result -> {});
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.faults(Faults.NONE);
    server.log().reset();
    counters = new InferenceCounters();
  }

  private static ModelSpec model(ModelLimits limits) {
    return new ModelSpec("claude", ModelProvider.BEDROCK, CLAUDE, "1", null, null, null,
        "You classify the sentiment of reviews.", limits);
  }

  /** The endpoint comes from the environment's override, as a deployment would set it. */
  private static ModelEnvironment environment(InferenceCounters counters) {
    return new ModelEnvironment(Map.of(ModelEnvironment.endpointVariable("claude"), server.bedrockEndpoint()),
        reference -> "unused", name -> RateLimiter.NONE, Region.EU_WEST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), counters);
  }

  private CollectedResults classify(ModelLimits limits, int count) {
    CollectedResults results = new CollectedResults();
    List<Prompt> prompts = IntStream.range(0, count)
        .mapToObj(i -> new Prompt("k" + i, "Review " + i + ": terrible, it broke after a day. Awful."))
        .toList();
    try (ModelCaller caller = ModelCallers.create(model(limits), InferenceTask.CLASSIFY, TestModels.SENTIMENT_SCHEMA,
        environment(counters))) {
      caller.callAll(prompts, JsonLabelCheck.sentiment(), results);
    }
    return results;
  }

  private static List<LoggedRequest> byArrival() {
    return server.log().requests().stream().sorted(Comparator.comparingLong(LoggedRequest::receivedNanos)).toList();
  }

  @Test
  void answersThroughTheForcedTool() {
    CollectedResults results = classify(TestModels.limits(3, 10_000, 2, 1), 5);

    assertThat(server.log().count(Endpoint.CONVERSE)).isEqualTo(5);
    assertThat(server.log().requests()).allSatisfy(request -> {
      assertThat(request.model()).isEqualTo(CLAUDE);
      assertThat(request.promptText()).startsWith("You classify the sentiment of reviews.");
    });
    assertThat(results.byKey().values()).hasSize(5).allSatisfy(result -> {
      assertThat(result.succeeded()).isTrue();
      assertThat(result.answer()).isEqualTo("{\"label\":\"negative\"}");
      assertThat(result.inputTokens()).isPositive();
      assertThat(result.outputTokens()).isPositive();
    });
  }

  @Test
  void honoursRetryAfterOfAThrottlingException() {
    server.faults(Faults.of(FaultRule.of(Trigger.firstN(1), FaultAction.throttle(Duration.ofSeconds(1)))));

    CollectedResults results = classify(TestModels.limits(1, 10_000, 2, 1), 1);

    List<LoggedRequest> requests = byArrival();
    assertThat(requests).extracting(LoggedRequest::status).containsExactly(429, 200);
    assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).finishedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(results.byKey().get("k0").succeeded()).isTrue();
    assertThat(results.byKey().get("k0").attempts()).isEqualTo(2);
  }

  @Test
  void throttlingUntilTheLastRetryNamesTheErrorType() {
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.throttle(Duration.ofMillis(100)))));

    CollectedResults results = classify(TestModels.limits(1, 10_000, 1, 1), 1);

    assertThat(server.log().count(Endpoint.CONVERSE)).isEqualTo(2);
    ModelResult result = results.byKey().get("k0");
    assertThat(result.succeeded()).isFalse();
    assertThat(result.error()).startsWith("model 'claude' (" + CLAUDE + "): rate limited (HTTP 429 ThrottlingException)")
        .contains("Rate limit reached").endsWith("(2 attempts)");
  }

  @Test
  void retriesServerErrorsAndMalformedResponses() {
    server.faults(Faults.builder()
        .rule(FaultRule.of(Trigger.firstN(1), FaultAction.serverError()))
        .rule(FaultRule.of(Trigger.firstN(2), FaultAction.malformedBody()))
        .rule(FaultRule.of(Trigger.firstN(3), FaultAction.breakSchema(SchemaBreak.OUTSIDE_ENUM)))
        .build());

    CollectedResults results = classify(TestModels.limits(1, 10_000, 4, 1), 1);

    assertThat(byArrival()).extracting(LoggedRequest::status).containsExactly(500, 200, 200, 200);
    assertThat(results.byKey().get("k0").succeeded()).isTrue();
    assertThat(results.byKey().get("k0").attempts()).isEqualTo(4);
  }

  @Test
  void validationErrorsAreNotRetried() {
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.reject("The provided model identifier is invalid."))));

    CollectedResults results = classify(TestModels.limits(1, 10_000, 3, 1), 1);

    assertThat(server.log().count(Endpoint.CONVERSE)).isEqualTo(1);
    assertThat(results.byKey().get("k0").error()).contains("HTTP 400 ValidationException")
        .contains("model identifier is invalid");
  }

  @Test
  void embeddingsAreRefused() {
    assertThatThrownBy(() -> ModelCallers.create(model(TestModels.limits(1, 1_000, 0, 8)), InferenceTask.EMBED, null,
        environment(counters)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claude").hasMessageContaining("embeddings on Bedrock are not supported");
  }
}
