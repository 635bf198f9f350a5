package dev.runnel.modelserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.Outage;
import dev.runnel.modelserver.faults.SchemaBreak;
import dev.runnel.modelserver.faults.SchemaBreaker;
import dev.runnel.modelserver.faults.Trigger;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
  static final String SCHEMA = ChatCompletionsTest.REVIEW_SCHEMA;
  static LocalModelServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = LocalModelServer.start(LocalModelServer.Config.defaults());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clear() {
    server.faults(Faults.NONE);
    server.log().reset();
  }

  @Test
  void throttlesWithRetryAfter() throws Exception {
    server.faults(Faults.of(FaultRule.of(Trigger.firstN(2), FaultAction.throttle(Duration.ofMillis(1500)))));

    HttpResponse<String> first = http.post("/v1/chat/completions", Http.chat("hi", null));
    HttpResponse<String> second = http.post("/v1/chat/completions", Http.chat("hi", null));
    HttpResponse<String> third = http.post("/v1/chat/completions", Http.chat("hi", null));

    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(first.headers().firstValue("retry-after-ms")).hasValue("1500");
    assertThat(Http.json(first).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(third.statusCode()).isEqualTo(200);
  }

  @Test
  void everyNthServerErrorAndUnavailableOnChosenEndpoints() throws Exception {
    server.faults(Faults.builder()
        .rule(FaultRule.of(Trigger.everyNth(2), FaultAction.serverError()).on(Endpoint.CHAT))
        .rule(FaultRule.of(Trigger.always(), FaultAction.unavailable(Duration.ofSeconds(3))).on(Endpoint.EMBEDDINGS))
        .build());

    List<Integer> chat = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      chat.add(http.post("/v1/chat/completions", Http.chat("hi", null)).statusCode());
    }
    HttpResponse<String> embeddings = http.post("/v1/embeddings", "{\"model\":\"e\",\"input\":\"x\"}");

    assertThat(chat).containsExactly(200, 500, 200, 500);
    assertThat(embeddings.statusCode()).isEqualTo(503);
    assertThat(embeddings.headers().firstValue("Retry-After")).hasValue("3");
  }

  @Test
  void fractionsAreDeterministicForASeed() throws Exception {
    List<Integer> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      server.faults(Faults.builder().seed(42).rule(Trigger.fraction(0.5), FaultAction.serverError()).build());
      StringBuilder statuses = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        statuses.append(http.post("/v1/chat/completions", Http.chat("hi", null)).statusCode() == 200 ? '.' : 'x');
      }
      runs.add(statuses.toString().hashCode());
      assertThat(statuses.toString()).contains(".", "x");
    }
    assertThat(runs.get(0)).isEqualTo(runs.get(1));
  }

  @Test
  void addsLatencyAndHoldsRequestsPastTheClientTimeout() throws Exception {
    server.faults(Faults.builder().latency(Duration.ofMillis(200), Duration.ofMillis(300)).build());
    long start = System.nanoTime();
    assertThat(http.post("/v1/chat/completions", Http.chat("hi", null)).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.hold(Duration.ofSeconds(2)))));
    long held = System.nanoTime();
    assertThatThrownBy(() -> http.post("/v1/chat/completions", Http.chat("hi", null), Duration.ofMillis(300), null))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - held)).isLessThan(Duration.ofSeconds(2));
    // The held request is answered (to nobody) after 2 s; wait for it so that it cannot land in a later test's log.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (server.log().total() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.log().requests()).extracting(r -> r.status()).containsExactly(200, 200);
  }

  @Test
  void malformedBodyIsTruncatedJson() throws Exception {
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.malformedBody())));

    HttpResponse<String> response = http.post("/v1/chat/completions", Http.chat("hi", SCHEMA));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"id\":\"chatcmpl-");
    assertThatThrownBy(() -> Http.json(response)).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void schemaBreakingAnswersAreWellFormedButWrong() throws Exception {
    String prompt = "I love it";
    assertThat(brokenAnswer(SchemaBreak.MISSING_REQUIRED, prompt).has("sentiment")).isFalse();
    assertThat(brokenAnswer(SchemaBreak.OUTSIDE_ENUM, prompt).get("sentiment").asText())
        .isEqualTo(SchemaBreaker.OUTSIDE_ENUM_VALUE);
    assertThat(brokenAnswer(SchemaBreak.WRONG_TYPE, prompt).get("sentiment").isNumber()).isTrue();

    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.breakSchema(SchemaBreak.TRUNCATED_CONTENT))));
    HttpResponse<String> truncated = http.post("/v1/chat/completions", Http.chat(prompt, SCHEMA));
    assertThat(Http.json(truncated).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThatThrownBy(() -> Http.content(truncated)).isInstanceOf(IOException.class);
  }

  @Test
  void downMeans503OrClosedConnections() throws Exception {
    server.faults(Faults.down(Outage.UNAVAILABLE));
    HttpResponse<String> chat = http.post("/v1/chat/completions", Http.chat("hi", null));
    HttpResponse<String> models = http.get("/v1/models", null);
    assertThat(chat.statusCode()).isEqualTo(503);
    assertThat(chat.headers().firstValue("Retry-After")).isPresent();
    assertThat(models.statusCode()).isEqualTo(503);

    server.faults(Faults.down(Outage.DISCONNECT));
    assertThatThrownBy(() -> http.post("/v1/chat/completions", Http.chat("hi", null)))
        .isInstanceOf(IOException.class);

    server.faults(Faults.NONE);
    assertThat(http.post("/v1/chat/completions", Http.chat("hi", null)).statusCode()).isEqualTo(200);
    assertThat(server.log().requests()).extracting(r -> r.status()).containsExactly(503, 503, 0, 200);
  }

  @Test
  void promptKeyedFaultsFailPermanently() throws Exception {
    server.faults(Faults.of(FaultRule.of(Trigger.promptContains("POISON"), FaultAction.reject("cannot process"))));

    List<Integer> statuses = new ArrayList<>();
    for (int attempt = 0; attempt < 3; attempt++) {
      statuses.add(http.post("/v1/chat/completions", Http.chat("a POISON pill", null)).statusCode());
    }
    HttpResponse<String> fine = http.post("/v1/chat/completions", Http.chat("a fine comment", null));
    HttpResponse<String> converse = http.post("/model/m/converse",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"POISON\"}]}]}");

    assertThat(statuses).containsExactly(400, 400, 400);
    assertThat(fine.statusCode()).isEqualTo(200);
    assertThat(converse.statusCode()).isEqualTo(400);
    assertThat(converse.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
    assertThat(Http.json(converse).get("message").asText()).isEqualTo("cannot process");
  }

  private static JsonNode brokenAnswer(SchemaBreak how, String prompt) throws Exception {
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.breakSchema(how))));
    HttpResponse<String> response = http.post("/v1/chat/completions", Http.chat(prompt, SCHEMA));
    assertThat(response.statusCode()).isEqualTo(200);
    return Http.content(response);
  }
}
