package dev.runnel.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.Trigger;
import dev.runnel.modelserver.log.LoggedRequest;
import dev.runnel.modelserver.log.PromptDigest;
import dev.runnel.modelserver.log.RequestLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestLogTest {
  @Test
  void countsTheBusiestSlidingWindow() {
    RequestLog log = new RequestLog();
    long ms = 1_000_000;
    for (long at : new long[] {0, 100 * ms, 900 * ms, 1000 * ms, 1050 * ms, 1899 * ms, 3000 * ms}) {
      log.started();
      log.finished(new LoggedRequest(at, 0, at, Endpoint.CHAT, "m", List.of("p"), List.of("h"), 200, 1));
    }

    assertThat(log.maxInWindow(Duration.ofSeconds(1))).isEqualTo(4);
    assertThat(log.maxInWindow(Duration.ofMillis(150))).isEqualTo(2);
    assertThat(log.maxInWindow(Duration.ofMillis(151))).isEqualTo(3);
    assertThat(log.maxInWindow(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(log.maxInWindow(Duration.ofSeconds(1), Endpoint.EMBEDDINGS)).isZero();
  }

  @Test
  void recordsRequestsAndFindsDuplicateAnswers() throws Exception {
    try (LocalModelServer server = LocalModelServer.start(LocalModelServer.Config.defaults())) {
      Http http = new Http(server);
      server.faults(Faults.builder().rule(Trigger.firstN(1), FaultAction.throttle(Duration.ofSeconds(1))).build());
      http.post("/v1/chat/completions", Http.chat("once", null));
      http.post("/v1/chat/completions", Http.chat("once", null));
      http.post("/v1/chat/completions", Http.chat("twice", null));
      http.post("/v1/chat/completions", Http.chat("twice", null));
      http.post("/v1/embeddings", "{\"model\":\"e\",\"input\":[\"twice\",\"other\"]}");

      RequestLog log = server.log();
      assertThat(log.total()).isEqualTo(5);
      assertThat(log.count(Endpoint.CHAT)).isEqualTo(4);
      assertThat(log.count(Endpoint.EMBEDDINGS)).isEqualTo(1);
      String twice = PromptDigest.sha256("You label comments.\ntwice");
      assertThat(log.duplicatePrompts()).containsOnlyKeys(twice).containsEntry(twice, 2);
      assertThat(log.successfulAnswersPerPrompt()).hasSize(4);
      assertThat(log.successfulAnswersContaining("once")).isEqualTo(1);
      LoggedRequest first = log.requests().get(0);
      assertThat(first.status()).isEqualTo(429);
      assertThat(first.model()).isEqualTo("gpt-4o-mini");
      assertThat(first.prompts()).containsExactly("You label comments.\nonce");
      assertThat(first.receivedMillis()).isPositive();
      assertThat(log.requests().get(4).inputCount()).isEqualTo(2);
      assertThat(log.requests().get(4).prompts()).containsExactly("twice", "other");
      assertThat(log.maxInWindow(Duration.ofMinutes(1))).isEqualTo(5);

      log.reset();
      assertThat(log.total()).isZero();
      assertThat(log.maxConcurrent()).isZero();
    }
  }

  @Test
  void servesConcurrentlyAndRecordsTheMostInFlight() throws Exception {
    try (LocalModelServer server = LocalModelServer.start(LocalModelServer.Config.defaults())) {
      Http http = new Http(server);
      server.faults(Faults.builder().latency(Duration.ofMillis(400), Duration.ofMillis(400)).build());
      ExecutorService clients = Executors.newFixedThreadPool(10);
      long start = System.nanoTime();
      List<CompletableFuture<Integer>> calls = IntStream.range(0, 10)
          .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
              return http.post("/v1/chat/completions", Http.chat("request " + i, null)).statusCode();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }, clients))
          .toList();
      List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
      clients.shutdown();

      assertThat(statuses).containsOnly(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
      assertThat(server.log().maxConcurrent()).isEqualTo(10);
      assertThat(server.log().maxInWindow(Duration.ofMillis(300))).isEqualTo(10);
    }
  }
}
