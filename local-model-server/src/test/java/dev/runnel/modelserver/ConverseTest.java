package dev.runnel.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.Trigger;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConverseTest {
  static final String PATH = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";
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
  void aForcedToolAnswersWithToolUse() throws Exception {
    String request = """
        {"system":[{"text":"Moderate product titles."}],
         "messages":[{"role":"user","content":[{"text":"Miracle cream cures arthritis"}]}],
         "inferenceConfig":{"maxTokens":200,"temperature":0},
         "toolConfig":{"tools":[{"toolSpec":{"name":"moderate","description":"verdict",
           "inputSchema":{"json":{"type":"object","required":["allowed","reason"],
             "properties":{"allowed":{"type":"boolean"},"reason":{"type":"string"}}}}}}],
           "toolChoice":{"tool":{"name":"moderate"}}}}
        """;

    HttpResponse<String> response = http.post(PATH, request);
    JsonNode body = Http.json(response);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.get("stopReason").asText()).isEqualTo("tool_use");
    assertThat(body.at("/output/message/role").asText()).isEqualTo("assistant");
    JsonNode toolUse = body.at("/output/message/content/0/toolUse");
    assertThat(toolUse.get("name").asText()).isEqualTo("moderate");
    assertThat(toolUse.get("toolUseId").asText()).isNotBlank();
    assertThat(toolUse.at("/input/allowed").asBoolean()).isFalse();
    assertThat(toolUse.at("/input/reason").asText()).isEqualTo("medical claim: 'cures'");
    assertThat(body.at("/usage/totalTokens").asInt())
        .isEqualTo(body.at("/usage/inputTokens").asInt() + body.at("/usage/outputTokens").asInt());
    assertThat(body.at("/metrics/latencyMs").isNumber()).isTrue();
    assertThat(server.log().requests().get(0).model()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
  }

  @Test
  void withoutAToolItAnswersText() throws Exception {
    JsonNode body = Http.json(http.post(PATH,
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Sentiment of: the worst host\"}]}]}"));

    assertThat(body.get("stopReason").asText()).isEqualTo("end_turn");
    assertThat(body.at("/output/message/content/0/text").asText()).isEqualTo("negative");
  }

  @Test
  void errorsAreBedrockShaped() throws Exception {
    server.faults(Faults.builder()
        .rule(FaultRule.of(Trigger.firstN(1), FaultAction.throttle(Duration.ofSeconds(1))))
        .rule(FaultRule.of(Trigger.firstN(2), FaultAction.unavailable(Duration.ofSeconds(1))))
        .rule(FaultRule.of(Trigger.firstN(3), FaultAction.serverError()))
        .build());
    String request = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";

    HttpResponse<String> throttled = http.post(PATH, request);
    HttpResponse<String> unavailable = http.post(PATH, request);
    HttpResponse<String> internal = http.post(PATH, request);
    HttpResponse<String> invalid = http.post(PATH, "{\"messages\":[]}");

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("x-amzn-ErrorType")).hasValue("ThrottlingException");
    assertThat(Http.json(throttled).get("message").asText()).isNotBlank();
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("x-amzn-ErrorType")).hasValue("ServiceUnavailableException");
    assertThat(internal.statusCode()).isEqualTo(500);
    assertThat(internal.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalServerException");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
  }
}
