package dev.runnel.inference.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.InferenceMetrics;
import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.ModelResult;
import dev.runnel.inference.Prompt;
import dev.runnel.inference.calling.CollectedResults;
import dev.runnel.inference.calling.JsonLabelCheck;
import dev.runnel.inference.calling.ModelCallers;
import dev.runnel.inference.calling.TestModels;
import dev.runnel.inference.calling.TestModels.CountingLimiter;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.Trigger;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelLimits;
import dev.runnel.plan.ModelProvider;
import dev.runnel.plan.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chat, classify and embeddings against the local OpenAI-compatible server, without faults and with client errors. */
class OpenAiCallerTest {
  private static LocalModelServer server;
  private static LocalModelServer keyedServer;

  @BeforeAll
  static void start() {
    server = LocalModelServer.start(LocalModelServer.Config.defaults());
    keyedServer = LocalModelServer.start(LocalModelServer.Config.defaults().withApiKey("sk-test-secret-123"));
    WarmUp.openAi(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    keyedServer.close();
  }

  @BeforeEach
  void reset() {
    server.faults(Faults.NONE);
    server.log().reset();
  }

  static List<Prompt> reviews(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new Prompt("k" + i, "Review " + i + ": I love this blender, it is great and works well."))
        .toList();
  }

  private static ModelCaller caller(ModelSpec model, InferenceTask task, String schema, RateLimiter limiter,
      InferenceCounters counters) {
    return ModelCallers.create(model, task, schema, TestModels.environment(limiter, reference -> {
      throw new IllegalStateException("no secret " + reference);
    }, counters));
  }

  @Test
  void classifiesEachDistinctPromptOnceThroughTheRateLimit() {
    ModelLimits limits = TestModels.limits(4, 10_000, 2, 16);
    ModelSpec model = TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-chat", server.openAiBaseUrl(),
        null, limits);
    CountingLimiter limiter = new CountingLimiter();
    InferenceCounters counters = new InferenceCounters();
    List<Prompt> prompts = new ArrayList<>(reviews(10));
    prompts.add(prompts.get(3));
    prompts.add(new Prompt("k5", "a duplicate key asks nothing new"));
    CollectedResults results = new CollectedResults();

    try (ModelCaller caller = caller(model, InferenceTask.CLASSIFY, TestModels.SENTIMENT_SCHEMA, limiter, counters)) {
      caller.callAll(prompts, JsonLabelCheck.sentiment(), results);
    }

    assertThat(server.log().count(Endpoint.CHAT)).isEqualTo(10);
    assertThat(server.log().duplicatePrompts()).isEmpty();
    assertThat(server.log().requests()).allSatisfy(request -> {
      assertThat(request.model()).isEqualTo("runnel-local-chat");
      assertThat(request.promptText()).startsWith("You classify the sentiment of reviews.");
    });
    assertThat(results.all()).hasSize(10);
    Map<String, ModelResult> byKey = results.byKey();
    assertThat(byKey).hasSize(10);
    assertThat(byKey.values()).allSatisfy(result -> {
      assertThat(result.succeeded()).isTrue();
      assertThat(result.answer()).isEqualTo("{\"label\":\"positive\"}");
      assertThat(result.attempts()).isEqualTo(1);
      assertThat(result.inputTokens()).isPositive();
    });
    long expectedTokens = reviews(10).stream().mapToLong(p -> p.estimatedTokens() + limits.maxOutputTokens()).sum();
    assertThat(limiter.requests()).isEqualTo(10);
    assertThat(limiter.tokens()).isEqualTo(expectedTokens);
    InferenceMetrics metrics = counters.snapshot();
    assertThat(metrics.requests()).isEqualTo(10);
    assertThat(metrics.prompts()).isEqualTo(10);
    assertThat(metrics.retries()).isZero();
    assertThat(metrics.failed()).isZero();
  }

  @Test
  void chatAnswersJsonOfTheOutputSchema() {
    String schema = "{\"type\":\"object\",\"properties\":{\"sentiment\":{\"type\":\"string\"},"
        + "\"rating\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5}},\"required\":[\"sentiment\",\"rating\"],"
        + "\"additionalProperties\":false}";
    ModelSpec model = TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-chat", server.openAiBaseUrl(),
        null, TestModels.limits(2, 10_000, 1, 16));
    CollectedResults results = new CollectedResults();

    try (ModelCaller caller = caller(model, InferenceTask.CHAT, schema, RateLimiter.NONE, new InferenceCounters())) {
      caller.callAll(reviews(3), AnswerCheck.ANY, results);
    }

    assertThat(results.byKey().values()).hasSize(3).allSatisfy(result ->
        assertThat(result.answer()).contains("\"sentiment\"").contains("\"rating\""));
  }

  @Test
  void embedsInBatchesOfTheBatchSize() {
    ModelSpec model = TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-embedding",
        server.openAiBaseUrl(), null, TestModels.limits(3, 10_000, 1, 16));
    CountingLimiter limiter = new CountingLimiter();
    InferenceCounters counters = new InferenceCounters();
    List<Prompt> prompts = new ArrayList<>(reviews(100));
    prompts.add(prompts.get(0));
    CollectedResults results = new CollectedResults();

    try (ModelCaller caller = caller(model, InferenceTask.EMBED, null, limiter, counters)) {
      caller.callAll(prompts, AnswerCheck.ANY, results);
    }

    assertThat(server.log().count(Endpoint.EMBEDDINGS)).isEqualTo(7); // ceil(100 / 16)
    assertThat(server.log().requests()).extracting(r -> r.inputCount())
        .containsExactlyInAnyOrder(16, 16, 16, 16, 16, 16, 4);
    assertThat(server.log().duplicatePrompts()).isEmpty();
    assertThat(results.byKey()).hasSize(100);
    assertThat(results.byKey().values()).allSatisfy(result -> {
      assertThat(result.succeeded()).isTrue();
      assertThat(result.vector()).hasSize(64);
    });
    assertThat(limiter.requests()).isEqualTo(7);
    assertThat(limiter.tokens()).isEqualTo(reviews(100).stream().mapToLong(Prompt::estimatedTokens).sum());
    assertThat(counters.snapshot().requests()).isEqualTo(7);
    assertThat(counters.snapshot().prompts()).isEqualTo(100);
  }

  @Test
  void anEmptyTextOrOneTheServerRejectsFailsAloneNotItsWholeEmbeddingsRequest() {
    ModelSpec model = TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-embedding",
        server.openAiBaseUrl(), null, TestModels.limits(3, 10_000, 1, 16));
    server.faults(Faults.of(FaultRule.of(Trigger.promptContains("poison"), FaultAction.reject("input too long"))
        .on(Endpoint.EMBEDDINGS)));
    List<Prompt> prompts = new ArrayList<>(reviews(20));
    prompts.set(3, new Prompt("k3", "   "));
    prompts.set(7, new Prompt("k7", "a poison text"));
    CollectedResults results = new CollectedResults();

    try (ModelCaller caller = caller(model, InferenceTask.EMBED, null, new CountingLimiter(),
        new InferenceCounters())) {
      caller.callAll(prompts, AnswerCheck.ANY, results);
    }

    assertThat(results.byKey()).hasSize(20);
    assertThat(results.byKey().get("k3").error()).contains("the text to embed is empty");
    assertThat(results.byKey().get("k7").error()).contains("input too long");
    assertThat(results.byKey()).allSatisfy((key, result) -> assertThat(result.succeeded())
        .as(key).isEqualTo(!key.equals("k3") && !key.equals("k7")));
    assertThat(server.log().requests()).as("the blank text is never sent").allSatisfy(request ->
        assertThat(request.prompts()).noneMatch(String::isBlank));
  }

  @Test
  void sendsTheApiKeyFromTheSecretSourceAndKeepsItOutOfErrors() {
    ModelSpec model = TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-chat",
        keyedServer.openAiBaseUrl(), "env:MODEL_KEY", TestModels.limits(2, 10_000, 2, 16));
    CollectedResults right = new CollectedResults();
    try (ModelCaller caller = ModelCallers.create(model, InferenceTask.CLASSIFY, TestModels.SENTIMENT_SCHEMA,
        TestModels.environment(RateLimiter.NONE, reference -> "sk-test-secret-123", new InferenceCounters()))) {
      caller.callAll(reviews(2), JsonLabelCheck.sentiment(), right);
    }
    assertThat(right.byKey().values()).allSatisfy(result -> assertThat(result.succeeded()).isTrue());

    int before = keyedServer.log().total();
    CollectedResults wrong = new CollectedResults();
    try (ModelCaller caller = ModelCallers.create(model, InferenceTask.CLASSIFY, TestModels.SENTIMENT_SCHEMA,
        TestModels.environment(RateLimiter.NONE, reference -> "sk-wrong-key-456", new InferenceCounters()))) {
      caller.callAll(reviews(1), JsonLabelCheck.sentiment(), wrong);
    }
    assertThat(keyedServer.log().total() - before).as("401 is not retried").isEqualTo(1);
    ModelResult failed = wrong.byKey().get("k0");
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.error()).contains("test-model").contains("HTTP 401").contains("Incorrect API key")
        .doesNotContain("sk-wrong-key-456").doesNotContain("I love this blender");
  }

  @Test
  void badRequestsFailAtOnceWithTheServersMessage() {
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.reject("response_format is not supported"))));
    ModelSpec model = TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-chat", server.openAiBaseUrl(),
        null, TestModels.limits(2, 10_000, 3, 16));
    CollectedResults results = new CollectedResults();

    try (ModelCaller caller = caller(model, InferenceTask.CLASSIFY, TestModels.SENTIMENT_SCHEMA, RateLimiter.NONE,
        new InferenceCounters())) {
      caller.callAll(reviews(2), JsonLabelCheck.sentiment(), results);
    }

    assertThat(server.log().count(Endpoint.CHAT)).isEqualTo(2);
    assertThat(results.byKey().values()).hasSize(2).allSatisfy(result -> {
      assertThat(result.succeeded()).isFalse();
      assertThat(result.attempts()).isEqualTo(1);
      assertThat(result.error()).startsWith("model 'test-model' (runnel-local-chat): request rejected (HTTP 400")
          .contains("response_format is not supported").doesNotContain("blender");
    });
  }

  @Test
  void refusesTasksTheProviderCannotDo() {
    ModelSpec model = TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-chat", server.openAiBaseUrl(),
        null, TestModels.limits(2, 10_000, 3, 16));
    assertThatThrownBy(() -> caller(model, InferenceTask.CHAT, null, RateLimiter.NONE, new InferenceCounters()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output schema");
    assertThatThrownBy(() -> caller(model, InferenceTask.CHAT, "not json", RateLimiter.NONE, new InferenceCounters()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
  }
}
