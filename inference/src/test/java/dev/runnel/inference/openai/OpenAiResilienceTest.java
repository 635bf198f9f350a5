package dev.runnel.inference.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller;
import dev.runnel.inference.ModelResult;
import dev.runnel.inference.ModelUnavailableException;
import dev.runnel.inference.Prompt;
import dev.runnel.inference.calling.CollectedResults;
import dev.runnel.inference.calling.JsonLabelCheck;
import dev.runnel.inference.calling.ModelCallers;
import dev.runnel.inference.calling.TestModels;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.LocalModelServer;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.Outage;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, Retry-After, timeouts, invalid answers, the circuit breaker and bounded concurrency, over real HTTP. */
class OpenAiResilienceTest {
  private static LocalModelServer server;
  private InferenceCounters counters;

  @BeforeAll
  static void start() {
    server = LocalModelServer.start(LocalModelServer.Config.defaults());
    WarmUp.openAi(server);
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

  private ModelCaller classifier(ModelLimits limits) {
    ModelSpec model = TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-chat", server.openAiBaseUrl(),
        null, limits);
    return ModelCallers.create(model, InferenceTask.CLASSIFY, TestModels.SENTIMENT_SCHEMA,
        TestModels.environment(RateLimiter.NONE, reference -> "unused", counters));
  }

  private CollectedResults classify(ModelLimits limits, List<Prompt> prompts) {
    CollectedResults results = new CollectedResults();
    try (ModelCaller caller = classifier(limits)) {
      caller.callAll(prompts, JsonLabelCheck.sentiment(), results);
    }
    return results;
  }

  private static List<LoggedRequest> byArrival() {
    return server.log().requests().stream().sorted(Comparator.comparingLong(LoggedRequest::receivedNanos)).toList();
  }

  /**
   * The server's request count once it stopped moving: the server logs a dropped connection just after closing it,
   * so the client may see the failure a moment before the log has it.
   */
  private static int settledTotal() throws InterruptedException {
    int last = -1;
    int now = server.log().total();
    while (now != last) {
      Thread.sleep(150);
      last = now;
      now = server.log().total();
    }
    return now;
  }

  /** From the end of the first request's answer to the arrival of the second, at the server. */
  private static Duration gapAfterFirst() {
    List<LoggedRequest> requests = byArrival();
    return Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).finishedNanos());
  }

  @Test
  void waitsAtLeastTheRetryAfterOfA429() {
    server.faults(Faults.of(FaultRule.of(Trigger.firstN(1), FaultAction.throttle(Duration.ofSeconds(1)))));

    CollectedResults results = classify(TestModels.limits(2, 10_000, 3, 16), OpenAiCallerTest.reviews(1));

    assertThat(byArrival()).extracting(LoggedRequest::status).containsExactly(429, 200);
    assertThat(gapAfterFirst()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    ModelResult result = results.byKey().get("k0");
    assertThat(result.succeeded()).isTrue();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.latencyMillis()).isGreaterThanOrEqualTo(1_000);
    assertThat(counters.snapshot().retries()).isEqualTo(1);
  }

  @Test
  void waitsAtLeastTheRetryAfterOfA503() {
    server.faults(Faults.of(FaultRule.of(Trigger.firstN(1), FaultAction.unavailable(Duration.ofMillis(700)))));

    CollectedResults results = classify(TestModels.limits(2, 10_000, 3, 16), OpenAiCallerTest.reviews(1));

    assertThat(byArrival()).extracting(LoggedRequest::status).containsExactly(503, 200);
    assertThat(gapAfterFirst()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    assertThat(results.byKey().get("k0").succeeded()).isTrue();
  }

  @Test
  void retriesServerErrorsUntilTheySucceed() {
    server.faults(Faults.of(FaultRule.of(Trigger.firstN(2), FaultAction.serverError())));

    CollectedResults results = classify(TestModels.limits(2, 10_000, 3, 16), OpenAiCallerTest.reviews(1));

    assertThat(byArrival()).extracting(LoggedRequest::status).containsExactly(500, 500, 200);
    assertThat(results.byKey().get("k0").succeeded()).isTrue();
    assertThat(results.byKey().get("k0").attempts()).isEqualTo(3);
    assertThat(counters.snapshot().requests()).isEqualTo(3);
    assertThat(counters.snapshot().retries()).isEqualTo(2);
  }

  @Test
  void retriesAnAttemptThatTimesOut() {
    server.faults(Faults.of(FaultRule.of(Trigger.firstN(1), FaultAction.hold(Duration.ofSeconds(3)))));
    long started = System.nanoTime();

    CollectedResults results = classify(TestModels.limits(2, 400, 2, 16), OpenAiCallerTest.reviews(1));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    assertThat(server.log().count(Endpoint.CHAT)).isGreaterThanOrEqualTo(1);
    // the abandoned first attempt may still answer once its hold ends on a loaded machine (it did at load 22); what
    // counts is that the client gave up on it, and took the second attempt's answer
    assertThat(server.log().successfulAnswersContaining("Review 0")).isBetween(1, 2);
    assertThat(results.byKey().get("k0").succeeded()).isTrue();
    assertThat(results.byKey().get("k0").attempts()).isEqualTo(2);
  }

  @Test
  void timeoutsFailWithAClearErrorAfterTheRetries() {
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.hold(Duration.ofSeconds(2)))));

    CollectedResults results = classify(TestModels.limits(2, 200, 1, 16), OpenAiCallerTest.reviews(1));

    ModelResult result = results.byKey().get("k0");
    assertThat(result.succeeded()).isFalse();
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(result.error()).contains("test-model").contains("timed out");
  }

  @Test
  void waitingForTheRateLimitDoesNotCountAgainstTheAttemptsTimeout() {
    ModelSpec model = TestModels.model(ModelProvider.OPENAI_COMPATIBLE, "runnel-local-chat", server.openAiBaseUrl(),
        null, TestModels.limits(2, 300, 0, 16));
    RateLimiter slow = (requests, tokens) -> Thread.sleep(500);
    CollectedResults results = new CollectedResults();

    try (ModelCaller caller = ModelCallers.create(model, InferenceTask.CLASSIFY, TestModels.SENTIMENT_SCHEMA,
        TestModels.environment(slow, reference -> "unused", counters))) {
      caller.callAll(OpenAiCallerTest.reviews(3), JsonLabelCheck.sentiment(), results);
    }

    assertThat(results.byKey().values()).hasSize(3).allSatisfy(result -> {
      assertThat(result.succeeded()).isTrue();
      assertThat(result.attempts()).isEqualTo(1);
    });
  }

  @Test
  void retriesMalformedJsonThenFailsWithAClearError() {
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.malformedBody())));

    CollectedResults results = classify(TestModels.limits(2, 10_000, 2, 16), OpenAiCallerTest.reviews(1));

    assertThat(server.log().count(Endpoint.CHAT)).isEqualTo(3);
    ModelResult result = results.byKey().get("k0");
    assertThat(result.succeeded()).isFalse();
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.error()).startsWith("model 'test-model' (runnel-local-chat): malformed response")
        .endsWith("(3 attempts)");
  }

  @Test
  void retriesAnswersThatBreakTheSchemaThenFailsWithTheChecksMessage() {
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.breakSchema(SchemaBreak.OUTSIDE_ENUM))));

    CollectedResults results = classify(TestModels.limits(2, 10_000, 2, 16), OpenAiCallerTest.reviews(1));

    assertThat(server.log().count(Endpoint.CHAT)).isEqualTo(3);
    ModelResult result = results.byKey().get("k0");
    assertThat(result.succeeded()).isFalse();
    assertThat(result.error()).contains("invalid answer").contains("is not one of");
  }

  @Test
  void aSchemaBreakingAnswerIsRetriedAndTheGoodOneAccepted() {
    server.faults(Faults.of(FaultRule.of(Trigger.firstN(1), FaultAction.breakSchema(SchemaBreak.TRUNCATED_CONTENT))));

    CollectedResults results = classify(TestModels.limits(2, 10_000, 2, 16), OpenAiCallerTest.reviews(1));

    assertThat(server.log().count(Endpoint.CHAT)).isEqualTo(2);
    assertThat(results.byKey().get("k0").answer()).isEqualTo("{\"label\":\"positive\"}");
  }

  @Test
  void keepsAtMostMaxConcurrencyRequestsInFlight() {
    server.faults(Faults.builder().latency(Duration.ofMillis(40), Duration.ofMillis(60)).build());

    CollectedResults results = classify(TestModels.limits(4, 10_000, 1, 16), OpenAiCallerTest.reviews(40));

    assertThat(server.log().count(Endpoint.CHAT)).isEqualTo(40);
    assertThat(server.log().maxConcurrent()).isBetween(2, 4);
    assertThat(results.byKey()).hasSize(40);
    assertThat(results.overlapped()).as("onResult is called one at a time").isFalse();
  }

  /**
   * A request that fails in a way nothing classified (here the JVM cannot start a thread, as under a loaded soak) says
   * nothing about the record: the call fails, so the batch fails and is retried, instead of the record being given a
   * failed answer, dead-lettered and that failure stored for every replay.
   */
  @Test
  void anUnexpectedFailureFailsTheCallInsteadOfFailingTheRecord() {
    CollectedResults results = new CollectedResults();
    try (ModelCaller caller = classifier(TestModels.limits(2, 10_000, 3, 16))) {
      assertThatThrownBy(() -> caller.callAll(OpenAiCallerTest.reviews(1), answer -> {
        throw new InternalError("unable to create native thread");
      }, results))
          .hasMessageContaining("test-model").hasMessageContaining("failed unexpectedly")
          .hasRootCauseInstanceOf(InternalError.class);
    }
    assertThat(results.all()).as("no failed answer reported for the record").isEmpty();
    assertThat(server.log().count(Endpoint.CHAT)).as("not retried: another attempt is the batch's retry").isEqualTo(1);
  }

  @Test
  void opensTheCircuitWhenTheServerIsDownAndProbesAfterItsDelay() throws InterruptedException {
    server.faults(Faults.down(Outage.DISCONNECT));
    ModelLimits limits = new ModelLimits(4, 0, 0, 5_000, 6, 64, 16, 1_500);
    CollectedResults results = new CollectedResults();
    try (ModelCaller caller = classifier(limits)) {
      long first = System.nanoTime();
      assertThatThrownBy(() -> caller.callAll(OpenAiCallerTest.reviews(40), JsonLabelCheck.sentiment(), results))
          .isInstanceOf(ModelUnavailableException.class)
          .hasMessageContaining("test-model").hasMessageContaining("connection failed");
      assertThat(Duration.ofNanos(System.nanoTime() - first)).isLessThan(Duration.ofSeconds(3));
      assertThat(results.all()).as("prompts not answered are not reported").isEmpty();

      // open: nothing is sent, the call fails at once
      long second = System.nanoTime();
      assertThatThrownBy(() -> caller.callAll(OpenAiCallerTest.reviews(5), JsonLabelCheck.sentiment(), results))
          .isInstanceOf(ModelUnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - second)).isLessThan(Duration.ofMillis(100));

      // still down after the open delay: one probe is sent, it fails, and the circuit opens again
      Thread.sleep(1_600);
      long third = System.nanoTime();
      assertThatThrownBy(() -> caller.callAll(OpenAiCallerTest.reviews(5), JsonLabelCheck.sentiment(), results))
          .isInstanceOf(ModelUnavailableException.class);
      assertThat(results.all()).isEmpty();

      // back up: after the open delay one probe closes the circuit and everything is answered
      server.faults(Faults.NONE);
      Thread.sleep(1_600);
      long fourth = System.nanoTime();
      caller.callAll(OpenAiCallerTest.reviews(8), JsonLabelCheck.sentiment(), results);
      assertThat(results.byKey()).hasSize(8);
      assertThat(results.byKey().values()).allSatisfy(result -> assertThat(result.succeeded()).isTrue());

      settledTotal();
      assertThat(arrivedBetween(first, second)).isBetween(10, 14);
      assertThat(arrivedBetween(second, third)).as("requests while open").isZero();
      assertThat(arrivedBetween(third, fourth)).as("half-open probes").isEqualTo(1);
      assertThat(arrivedBetween(fourth, Long.MAX_VALUE)).isEqualTo(8);
    }
  }

  private static int arrivedBetween(long fromNanos, long toNanos) {
    return (int) server.log().requests().stream()
        .filter(request -> request.receivedNanos() >= fromNanos && request.receivedNanos() < toNanos).count();
  }

  @Test
  void reportsTheAnswersInFlightWhenTheCircuitOpens() {
    // "Review 0" is slow and fine; every other prompt gets 500 until the circuit opens
    server.faults(Faults.builder()
        .rule(FaultRule.of(Trigger.promptContains("Review 0:"), FaultAction.hold(Duration.ofMillis(2_000))))
        .rule(FaultRule.of(Trigger.always(), FaultAction.serverError()))
        .build());
    CollectedResults results = new CollectedResults();
    long started = System.nanoTime();
    try (ModelCaller caller = classifier(new ModelLimits(4, 0, 0, 10_000, 8, 64, 16, 5_000))) {
      assertThatThrownBy(() -> caller.callAll(OpenAiCallerTest.reviews(20), JsonLabelCheck.sentiment(), results))
          .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("HTTP 500");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2_000));
    assertThat(results.byKey().keySet()).containsExactly("k0");
    assertThat(results.byKey().get("k0").succeeded()).isTrue();
    assertThat(server.log().countWithStatus(500)).isBetween(10, 13);
  }
}
