package dev.runnel.modelserver.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.answer.ChatAnswer;
import dev.runnel.modelserver.answer.ChatMessage;
import dev.runnel.modelserver.answer.ChatRequest;
import dev.runnel.modelserver.answer.OutputFormat;
import dev.runnel.modelserver.answer.Responder;
import dev.runnel.modelserver.answer.Words;
import dev.runnel.modelserver.faults.SchemaBreak;
import dev.runnel.modelserver.faults.SchemaBreaker;
import dev.runnel.modelserver.http.BadRequestException;
import dev.runnel.modelserver.http.EndpointApi;
import dev.runnel.modelserver.http.ErrorDialect;
import dev.runnel.modelserver.http.IncomingRequest;
import dev.runnel.modelserver.http.JsonBody;
import dev.runnel.modelserver.http.ModelCall;
import dev.runnel.modelserver.http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OpenAI {@code POST /v1/chat/completions}: messages with string or text-part content, {@code max_tokens} or
 * {@code max_completion_tokens}, and {@code response_format} ({@code text}, {@code json_object} or
 * {@code json_schema}); answers with a {@code chat.completion} object as the official SDKs expect it.
 */
public final class ChatCompletionsApi implements EndpointApi<ChatRequest> {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Responder responder;
  private final ErrorDialect errors;
  private final AtomicLong ids = new AtomicLong();

  /** Answers with {@code responder}. */
  public ChatCompletionsApi(Responder responder, ErrorDialect errors) {
    this.responder = responder;
    this.errors = errors;
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.CHAT;
  }

  @Override
  public boolean requiresApiKey() {
    return true;
  }

  @Override
  public ErrorDialect errors() {
    return errors;
  }

  @Override
  public ModelCall<ChatRequest> parse(IncomingRequest request, long receivedNanos) throws BadRequestException {
    JsonNode body = JsonBody.object(request.body());
    String model = JsonBody.requiredText(body, "model");
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new BadRequestException("'messages' is required and must be a non-empty array");
    }
    List<ChatMessage> parsed = new ArrayList<>();
    for (JsonNode message : messages) {
      String role = JsonBody.requiredText(message, "role");
      parsed.add(new ChatMessage("developer".equals(role) ? "system" : role, text(message.get("content"))));
    }
    Integer maxTokens = JsonBody.optionalInt(body, "max_completion_tokens");
    if (maxTokens == null) {
      maxTokens = JsonBody.optionalInt(body, "max_tokens");
    }
    ChatRequest chat = new ChatRequest(model, parsed, format(body.get("response_format")), maxTokens);
    return new ModelCall<>(Endpoint.CHAT, model, List.of(chat.allText()), 1, receivedNanos, chat);
  }

  @Override
  public Reply answer(ModelCall<ChatRequest> call, SchemaBreak spoil) {
    ChatRequest request = call.payload();
    ChatAnswer answer = responder.chat(request);
    if (spoil != null) {
      answer = SchemaBreaker.spoil(answer, request.format(), spoil);
    }
    ObjectNode message = NODES.objectNode().put("role", "assistant").put("content", answer.text());
    message.putNull("refusal");
    message.putArray("annotations");
    ObjectNode choice = NODES.objectNode().put("index", 0);
    choice.set("message", message);
    choice.putNull("logprobs");
    choice.put("finish_reason", "stop");
    int promptTokens = Words.tokens(request.allText(), 1);
    int completionTokens = Words.tokens(answer.text(), 1);
    ObjectNode body = NODES.objectNode()
        .put("id", "chatcmpl-runnel" + Long.toHexString(System.nanoTime()) + ids.incrementAndGet())
        .put("object", "chat.completion")
        .put("created", System.currentTimeMillis() / 1000)
        .put("model", request.model())
        .put("system_fingerprint", "runnel-local-rules");
    body.putArray("choices").add(choice);
    body.putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    return Reply.json(200, body);
  }

  private static String text(JsonNode content) throws BadRequestException {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      List<String> parts = new ArrayList<>();
      content.forEach(part -> {
        if (part.path("text").isTextual()) {
          parts.add(part.get("text").asText());
        }
      });
      return String.join("\n", parts);
    }
    throw new BadRequestException("message 'content' must be a string or an array of content parts");
  }

  private static OutputFormat format(JsonNode responseFormat) throws BadRequestException {
    if (responseFormat == null || responseFormat.isNull()) {
      return OutputFormat.TEXT;
    }
    String type = JsonBody.requiredText(responseFormat, "type");
    switch (type) {
      case "text":
        return OutputFormat.TEXT;
      case "json_object":
        return OutputFormat.JSON_OBJECT;
      case "json_schema":
        JsonNode jsonSchema = responseFormat.path("json_schema");
        if (!jsonSchema.path("schema").isObject()) {
          throw new BadRequestException("'response_format.json_schema.schema' is required and must be an object");
        }
        return OutputFormat.jsonSchema(jsonSchema.path("name").asText(""), jsonSchema.get("schema"));
      default:
        throw new BadRequestException("unsupported response_format type: " + type);
    }
  }
}
