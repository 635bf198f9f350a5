package dev.runnel.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest {
  static final String REVIEW_SCHEMA = """
      {"type":"object","additionalProperties":false,"required":["sentiment","topic","confidence","rating","summary"],
       "properties":{
         "sentiment":{"type":"string","enum":["POSITIVE","NEGATIVE","NEUTRAL"]},
         "topic":{"type":"string","enum":["price","shipping","product","stream","other"]},
         "confidence":{"type":"number","minimum":0,"maximum":1},
         "rating":{"type":"integer","minimum":1,"maximum":5},
         "summary":{"type":"string","maxLength":20},
         "tags":{"type":"array","items":{"type":"string"}},
         "details":{"$ref":"#/$defs/details"}},
       "$defs":{"details":{"type":"object","properties":{"language":{"type":"string"},"urgent":{"type":"boolean"}}}}}
      """;
  static final String MODERATION_SCHEMA = """
      {"type":"object","required":["compliant","reason"],"properties":{
        "compliant":{"type":"boolean"},"reason":{"type":"string"},"violation":{"type":["string","null"]}}}
      """;

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

  @Test
  void answersOpenAiShapedCompletions() throws Exception {
    HttpResponse<String> response = http.post("/v1/chat/completions", Http.chat("hello there", null));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = Http.json(response);
    assertThat(body.get("id").asText()).startsWith("chatcmpl-");
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("created").asLong()).isPositive();
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.at("/choices/0/index").asInt()).isZero();
    assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Summary: hello there");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = body.get("usage");
    assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(5);
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(3);
    assertThat(usage.get("total_tokens").asInt()).isEqualTo(8);
  }

  @Test
  void schemaAnswersFollowTheLexiconAndTheSchema() throws Exception {
    JsonNode happy = Http.content(http.post("/v1/chat/completions",
        Http.chat("I love this dress, the delivery was fast!", REVIEW_SCHEMA)));
    JsonNode angry = Http.content(http.post("/v1/chat/completions",
        Http.chat("Way too expensive, what a scam. I want a refund", REVIEW_SCHEMA)));
    JsonNode flat = Http.content(http.post("/v1/chat/completions",
        Http.chat("Does the host speak French?", REVIEW_SCHEMA)));

    assertThat(happy.get("sentiment").asText()).isEqualTo("POSITIVE");
    assertThat(happy.get("topic").asText()).isEqualTo("shipping");
    assertThat(happy.get("rating").asInt()).isEqualTo(5);
    assertThat(happy.get("confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(happy.get("summary").asText()).hasSizeLessThanOrEqualTo(20).startsWith("i love this");
    assertThat(happy.get("tags")).hasSize(1);
    assertThat(happy.at("/details/language").asText()).isEqualTo("en");
    assertThat(happy.at("/details/urgent").isBoolean()).isTrue();
    assertThat(angry.get("sentiment").asText()).isEqualTo("NEGATIVE");
    assertThat(angry.get("topic").asText()).isEqualTo("price");
    assertThat(angry.get("rating").asInt()).isEqualTo(1);
    assertThat(flat.get("sentiment").asText()).isEqualTo("NEUTRAL");
    assertThat(flat.get("topic").asText()).isEqualTo("stream");
  }

  @Test
  void classificationPicksALabelFromTheEnum() throws Exception {
    String sentimentLabels = "{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\","
        + "\"enum\":[\"Positive\",\"Negative\",\"Neutral\"]}},\"required\":[\"label\"]}";
    String verdictLabels = "{\"type\":\"object\",\"properties\":{\"label\":{\"enum\":[\"ALLOWED\",\"BLOCKED\"]}}}";
    String otherLabels = "{\"type\":\"object\",\"properties\":{\"label\":{\"enum\":[\"question\",\"spam\","
        + "\"greeting\"]}}}";

    assertThat(label("This is awesome, wow", sentimentLabels)).isEqualTo("Positive");
    assertThat(label("ugly and broken", sentimentLabels)).isEqualTo("Negative");
    assertThat(label("Replica designer bag 1:1", verdictLabels)).isEqualTo("BLOCKED");
    assertThat(label("Wooden chopping board", verdictLabels)).isEqualTo("ALLOWED");
    assertThat(label("this looks like spam to me", otherLabels)).isEqualTo("spam");
    assertThat(label("nothing in particular", otherLabels)).isEqualTo("question");
  }

  @Test
  void moderationFlagsPolicyViolations() throws Exception {
    JsonNode miracle = Http.content(http.post("/v1/chat/completions",
        Http.chat("Miracle cream cures arthritis", MODERATION_SCHEMA)));
    JsonNode shirt = Http.content(http.post("/v1/chat/completions",
        Http.chat("Blue cotton t-shirt", MODERATION_SCHEMA)));
    JsonNode knife = Http.content(http.post("/v1/chat/completions",
        Http.chat("Tactical combat knife, 20cm", MODERATION_SCHEMA)));

    assertThat(miracle.get("compliant").asBoolean()).isFalse();
    assertThat(miracle.get("reason").asText()).isEqualTo("medical claim: 'cures'");
    assertThat(miracle.get("violation").asText()).isEqualTo("medical claim");
    assertThat(shirt.get("compliant").asBoolean()).isTrue();
    assertThat(shirt.get("violation").asText()).isEqualTo("none");
    assertThat(knife.get("reason").asText()).isEqualTo("weapon: 'combat knife'");
  }

  @Test
  void jsonObjectAndPlainTextAnswers() throws Exception {
    String jsonObject = "{\"model\":\"m\",\"response_format\":{\"type\":\"json_object\"},\"messages\":["
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Great price!\"}]}]}";
    JsonNode facts = Http.content(http.post("/v1/chat/completions", jsonObject));
    String plain = "{\"model\":\"m\",\"messages\":[{\"role\":\"developer\",\"content\":\"What is the sentiment?\"},"
        + "{\"role\":\"user\",\"content\":\"awful service\"}]}";
    JsonNode answer = Http.json(http.post("/v1/chat/completions", plain));

    assertThat(facts.get("sentiment").asText()).isEqualTo("positive");
    assertThat(facts.get("topic").asText()).isEqualTo("price");
    assertThat(facts.get("compliant").asBoolean()).isTrue();
    assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("negative");
  }

  @Test
  void rejectsBadRequestsInOpenAiShape() throws Exception {
    HttpResponse<String> noMessages = http.post("/v1/chat/completions", "{\"model\":\"m\"}");
    HttpResponse<String> notJson = http.post("/v1/chat/completions", "{nope");
    HttpResponse<String> unknown = http.post("/v1/completions", "{}");

    assertThat(noMessages.statusCode()).isEqualTo(400);
    assertThat(Http.json(noMessages).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(Http.json(noMessages).at("/error/message").asText()).contains("messages");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Http.json(unknown).at("/error/code").asText()).isEqualTo("not_found");
  }

  @Test
  void listsModels() throws Exception {
    JsonNode models = Http.json(http.get("/v1/models", null));

    assertThat(models.get("object").asText()).isEqualTo("list");
    assertThat(models.findValuesAsText("id")).containsExactly("runnel-local-chat", "runnel-local-embedding");
  }

  @Test
  void requiresTheApiKeyWhenConfigured() throws Exception {
    try (LocalModelServer secured = LocalModelServer.start(LocalModelServer.Config.defaults().withApiKey("sk-test"))) {
      Http client = new Http(secured);
      HttpResponse<String> missing = client.post("/v1/chat/completions", Http.chat("hi", null));
      HttpResponse<String> wrong = client.post("/v1/chat/completions", Http.chat("hi", null),
          Duration.ofSeconds(5), "sk-other");
      HttpResponse<String> right = client.post("/v1/chat/completions", Http.chat("hi", null),
          Duration.ofSeconds(5), "sk-test");
      HttpResponse<String> models = client.get("/v1/models", null);

      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(Http.json(missing).at("/error/code").asText()).isEqualTo("invalid_api_key");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(models.statusCode()).isEqualTo(401);
      assertThat(secured.log().countWithStatus(401)).isEqualTo(3);
    }
  }

  private static String label(String prompt, String schema) throws Exception {
    return Http.content(http.post("/v1/chat/completions", Http.chat(prompt, schema))).get("label").asText();
  }
}
