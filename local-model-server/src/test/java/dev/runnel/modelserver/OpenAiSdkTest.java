package dev.runnel.modelserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.RateLimitException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.runnel.modelserver.faults.FaultAction;
import dev.runnel.modelserver.faults.FaultRule;
import dev.runnel.modelserver.faults.Faults;
import dev.runnel.modelserver.faults.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK parses the server's answers. */
class OpenAiSdkTest {
  static LocalModelServer server;
  static OpenAIClient client;

  @BeforeAll
  static void start() {
    server = LocalModelServer.start(LocalModelServer.Config.defaults().withApiKey("sk-local"));
    client = OpenAIOkHttpClient.builder().baseUrl(server.openAiBaseUrl()).apiKey("sk-local").maxRetries(0)
        .responseValidation(true).timeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void chatCompletionWithAJsonSchema() throws Exception {
    ResponseFormatJsonSchema.JsonSchema.Schema schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder()
        .putAdditionalProperty("type", JsonValue.from("object"))
        .putAdditionalProperty("properties", JsonValue.from(Map.of(
            "sentiment", Map.of("type", "string", "enum", List.of("positive", "negative", "neutral")),
            "topic", Map.of("type", "string"))))
        .putAdditionalProperty("required", JsonValue.from(List.of("sentiment", "topic")))
        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
        .build();
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addSystemMessage("Classify the comment.")
        .addUserMessage("The shipping took forever and the box arrived broken")
        .maxCompletionTokens(100)
        .responseFormat(ResponseFormatJsonSchema.builder()
            .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name("comment").schema(schema).strict(true)
                .build())
            .build())
        .build();

    ChatCompletion completion = client.chat().completions().create(params);

    String content = completion.choices().get(0).message().content().orElseThrow();
    assertThat(Http.JSON.readTree(content).get("sentiment").asText()).isEqualTo("negative");
    assertThat(Http.JSON.readTree(content).get("topic").asText()).isEqualTo("shipping");
    assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    assertThat(completion.usage().orElseThrow().totalTokens()).isPositive();
  }

  @Test
  void structuredOutputsIntoAJavaClass() {
    var params = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addUserMessage("Replica watch, 1:1 quality")
        .responseFormat(Verdict.class)
        .build();

    Verdict verdict = client.chat().completions().create(params).choices().get(0).message().content().orElseThrow();

    assertThat(verdict.compliant).isFalse();
    assertThat(verdict.reason).isEqualTo("counterfeit: 'replica'");
  }

  @Test
  void embeddingsInTheSdksDefaultBase64() {
    CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
        .model("text-embedding-3-small").inputOfArrayOfStrings(List.of("late delivery", "late delivery again"))
        .build());

    List<Float> first = response.data().get(0).embedding();
    List<Float> second = response.data().get(1).embedding();
    assertThat(first).hasSize(64);
    double dot = 0;
    for (int i = 0; i < first.size(); i++) {
      dot += first.get(i) * second.get(i);
    }
    assertThat(dot).isGreaterThan(0.7);
    assertThat(response.usage().promptTokens()).isEqualTo(5);
  }

  @Test
  void throttlingSurfacesAsRateLimitException() {
    server.faults(Faults.of(FaultRule.of(Trigger.always(), FaultAction.throttle(Duration.ofSeconds(1)))));
    try {
      assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
          .model("gpt-4o-mini").addUserMessage("hi").build()))
          .isInstanceOf(RateLimitException.class);
    } finally {
      server.faults(Faults.NONE);
    }
  }

  /** A moderation verdict, as structured outputs fill it. */
  public static class Verdict {
    /** Whether the title may be listed. */
    public boolean compliant;
    /** Why. */
    public String reason;
  }
}
