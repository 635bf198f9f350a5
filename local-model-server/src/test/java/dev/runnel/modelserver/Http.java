package dev.runnel.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JDK HTTP client for the tests: posts JSON to the server and reads JSON back. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  Http(LocalModelServer server) {
    this.base = server.bedrockEndpoint();
  }

  /** POSTs {@code json} to {@code path}, with a 5 s timeout. */
  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return post(path, json, Duration.ofSeconds(5), null);
  }

  /** POSTs {@code json} to {@code path} with a timeout and an optional bearer key. */
  HttpResponse<String> post(String path, String json, Duration timeout, String apiKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code path}. */
  HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Parses a JSON body. */
  static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  /** A chat completions request body with one user message and an optional JSON schema. */
  static String chat(String prompt, String schema) throws IOException {
    String format = schema == null ? ""
        : ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"answer\",\"strict\":true,"
            + "\"schema\":" + schema + "}}";
    return "{\"model\":\"gpt-4o-mini\",\"max_tokens\":50,\"temperature\":0,\"messages\":["
        + "{\"role\":\"system\",\"content\":\"You label comments.\"},"
        + "{\"role\":\"user\",\"content\":" + JSON.writeValueAsString(prompt) + "}]" + format + "}";
  }

  /** The answer content of a chat completion, parsed as JSON. */
  static JsonNode content(HttpResponse<String> response) throws IOException {
    return JSON.readTree(json(response).at("/choices/0/message/content").asText());
  }
}
