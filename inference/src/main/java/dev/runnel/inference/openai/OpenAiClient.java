package dev.runnel.inference.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.inference.calling.CallFailure;
import dev.runnel.inference.calling.CancelPropagation;
import dev.runnel.inference.calling.EmbeddingsReply;
import dev.runnel.inference.calling.FailureKind;
import dev.runnel.inference.calling.ModelClient;
import dev.runnel.inference.calling.ModelEnvironment;
import dev.runnel.inference.calling.ModelReply;
import dev.runnel.inference.calling.RetryAfter;
import dev.runnel.plan.InferenceTask;
import dev.runnel.plan.ModelSpec;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A model behind an OpenAI-compatible HTTP API (OpenAI, vLLM, Ollama, llama.cpp): chat completions with a strict
 * JSON-schema response format, and embeddings as float vectors. It speaks the two JSON requests through the JDK's
 * HTTP client: the official SDK weighs 190 MB of classes, which no Lambda package can carry (250 MB unzipped, with
 * the rest of the function). One attempt per request; retries are the caller's.
 */
public final class OpenAiClient implements ModelClient {
  /** Where OpenAI itself is. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  /** The name the answer's schema goes by in the request. */
  static final String SCHEMA_NAME = "answer";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final ModelSpec model;
  private final String baseUrl;
  private final String key;
  private final JsonNode schema;
  private final Duration timeout;

  private OpenAiClient(HttpClient http, ModelSpec model, String baseUrl, String key, JsonNode schema) {
    this.http = http;
    this.model = model;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.key = key == null || key.isEmpty() ? null : key;
    this.schema = schema;
    this.timeout = Duration.ofMillis(model.limits().timeoutMillis());
  }

  /**
   * The client of {@code model} for {@code task}: base URL from the environment's override, else the model's
   * endpoint, else OpenAI's; the API key resolved from the model's reference; requests answered on {@code executor}.
   *
   * @param outputSchema chat and classify: the answer's JSON schema; embed: ignored
   * @throws IllegalArgumentException when the schema is not a JSON object
   */
  public static OpenAiClient create(ModelSpec model, InferenceTask task, String outputSchema,
      ModelEnvironment environment, Executor executor) {
    JsonNode schema = task == InferenceTask.EMBED ? null : schemaOf(outputSchema);
    String key = model.apiKey() == null ? null : environment.secrets().resolve(model.apiKey());
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
        .connectTimeout(Duration.ofMillis(Math.min(10_000, model.limits().timeoutMillis()))).build();
    return new OpenAiClient(http, model, baseUrl(model, environment), key, schema);
  }

  /** The base URL (up to {@code /v1}) the model is called at. */
  static String baseUrl(ModelSpec model, ModelEnvironment environment) {
    return environment.endpointOverride(model.name()).map(URI::toString)
        .orElse(model.endpoint() == null || model.endpoint().isBlank() ? DEFAULT_BASE_URL : model.endpoint());
  }

  private static JsonNode schemaOf(String schema) {
    try {
      JsonNode root = schema == null ? null : JSON.readTree(schema);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("the output schema is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the output schema is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public CompletableFuture<ModelReply> chat(String prompt) {
    if (schema == null) {
      throw new IllegalStateException("model " + model.name() + " was set up for embeddings, not chat");
    }
    ObjectNode body = JSON.createObjectNode().put("model", model.modelId())
        .put("max_tokens", model.limits().maxOutputTokens()).put("temperature", 0.0);
    ArrayNode messages = body.putArray("messages");
    if (!model.systemPrompt().isEmpty()) {
      messages.addObject().put("role", "system").put("content", model.systemPrompt());
    }
    messages.addObject().put("role", "user").put("content", prompt);
    ObjectNode format = body.putObject("response_format").put("type", "json_schema");
    format.putObject("json_schema").put("name", SCHEMA_NAME).put("strict", true).set("schema", schema);
    return post("/chat/completions", body).thenApply(OpenAiClient::reply);
  }

  @Override
  public CompletableFuture<EmbeddingsReply> embed(List<String> texts) {
    ObjectNode body = JSON.createObjectNode().put("model", model.modelId()).put("encoding_format", "float");
    ArrayNode input = body.putArray("input");
    texts.forEach(input::add);
    return post("/embeddings", body).thenApply(OpenAiClient::vectors);
  }

  /** Sends one request; completes with the answer's JSON or fails with a classified {@link CallFailure}. */
  private CompletableFuture<JsonNode> post(String path, ObjectNode body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request.build(),
        HttpResponse.BodyHandlers.ofString());
    return CancelPropagation.upstream(sent, sent.handle((response, error) -> {
      if (error != null) {
        throw transportFailure(error);
      }
      return answer(response);
    }));
  }

  private JsonNode answer(HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode json = null;
    try {
      json = JSON.readTree(response.body());
    } catch (JsonProcessingException malformed) {
      if (status == 200) {
        throw CallFailure.of(FailureKind.MALFORMED_RESPONSE, "the answer is not JSON: "
            + masked(malformed.getOriginalMessage()), null);
      }
    }
    if (status == 200) {
      if (json == null || !json.isObject()) {
        throw CallFailure.of(FailureKind.MALFORMED_RESPONSE, "the answer is not a JSON object", null);
      }
      return json;
    }
    JsonNode error = json == null ? null : json.path("error");
    String type = error == null ? null : text(error, "type") != null ? text(error, "type") : text(error, "code");
    String message = error == null ? null : text(error, "message");
    if (message == null && json != null) {
      message = text(json, "message");
    }
    Duration retryAfter = status == 429 || status == 503
        ? RetryAfter.fromHeaders(name -> response.headers().firstValue(name), Clock.systemUTC()).orElse(null) : null;
    return throwing(new CallFailure(FailureKind.ofStatus(status), status, type,
        masked(message == null ? "HTTP " + status : message), retryAfter, null));
  }

  private static JsonNode throwing(CallFailure failure) {
    throw failure;
  }

  private CallFailure transportFailure(Throwable error) {
    Throwable cause = CallFailure.unwrap(error);
    if (cause instanceof CallFailure failure) {
      return failure;
    }
    for (Throwable at = cause; at != null; at = at.getCause()) {
      if (at instanceof HttpTimeoutException) {
        return CallFailure.of(FailureKind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms", cause);
      }
      if (at instanceof ConnectException) {
        return CallFailure.of(FailureKind.CONNECTION, masked("cannot connect to " + baseUrl), cause);
      }
    }
    if (cause instanceof java.io.IOException) {
      return CallFailure.of(FailureKind.CONNECTION, masked(String.valueOf(cause.getMessage())), cause);
    }
    return CallFailure.of(FailureKind.REJECTED, masked(String.valueOf(cause)), cause);
  }

  private static ModelReply reply(JsonNode completion) {
    JsonNode choices = completion.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw CallFailure.of(FailureKind.MALFORMED_RESPONSE, "no choices in the completion", null);
    }
    JsonNode message = choices.get(0).path("message");
    if (message.path("refusal").isTextual() && !message.path("refusal").asText().isEmpty()) {
      throw CallFailure.of(FailureKind.INVALID_ANSWER, "the model refused to answer", null);
    }
    JsonNode content = message.path("content");
    if (!content.isTextual()) {
      throw CallFailure.of(FailureKind.MALFORMED_RESPONSE, "the answer has no content", null);
    }
    JsonNode usage = completion.path("usage");
    return new ModelReply(content.asText(), usage.path("prompt_tokens").asInt(0),
        usage.path("completion_tokens").asInt(0));
  }

  private static EmbeddingsReply vectors(JsonNode response) {
    JsonNode data = response.path("data");
    if (!data.isArray()) {
      throw CallFailure.of(FailureKind.MALFORMED_RESPONSE, "no data in the embeddings answer", null);
    }
    List<JsonNode> items = new ArrayList<>();
    data.forEach(items::add);
    items.sort(Comparator.comparingInt(item -> item.path("index").asInt()));
    List<float[]> vectors = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      JsonNode values = item.path("embedding");
      if (!values.isArray()) {
        throw CallFailure.of(FailureKind.MALFORMED_RESPONSE, "an embedding is not an array of numbers", null);
      }
      float[] vector = new float[values.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = (float) values.get(i).asDouble();
      }
      vectors.add(vector);
    }
    return new EmbeddingsReply(vectors, response.path("usage").path("prompt_tokens").asInt(0));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  private String masked(String text) {
    return key == null || text == null ? text : text.replace(key, "***");
  }

  @Override
  public void close() {
    // the JDK client's threads are the caller's executor; nothing else to release
  }
}
