package dev.runnel.modelserver.bedrock;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bedrock {@code POST /model/{modelId}/converse}: {@code messages} with text content blocks, {@code system},
 * {@code inferenceConfig} and {@code toolConfig}. A forced tool ({@code toolChoice.tool}, or {@code toolChoice.any}
 * with tools) makes the answer a {@code toolUse} block whose input matches the tool's input schema, with stop reason
 * {@code tool_use}; otherwise the answer is a text block with stop reason {@code end_turn}.
 */
public final class ConverseApi implements EndpointApi<ConverseApi.Request> {
  /** The path pattern; group 1 is the percent-encoded model id. */
  public static final Pattern PATH = Pattern.compile("/model/([^/]+)/converse");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Responder responder;
  private final ErrorDialect errors;
  private final AtomicLong ids = new AtomicLong();

  /**
   * A parsed Converse request.
   *
   * @param chat the conversation and the answer's format
   * @param tool the forced tool's name, or null when the answer is text
   */
  public record Request(ChatRequest chat, String tool) {
  }

  /** Answers with {@code responder}. */
  public ConverseApi(Responder responder, ErrorDialect errors) {
    this.responder = responder;
    this.errors = errors;
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.CONVERSE;
  }

  @Override
  public boolean requiresApiKey() {
    return false;
  }

  @Override
  public ErrorDialect errors() {
    return errors;
  }

  @Override
  public ModelCall<Request> parse(IncomingRequest request, long receivedNanos) throws BadRequestException {
    Matcher path = PATH.matcher(request.rawPath());
    if (!path.matches()) {
      throw new BadRequestException("expected /model/{modelId}/converse");
    }
    String model = URLDecoder.decode(path.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    JsonNode body = JsonBody.object(request.body());
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode system : body.path("system")) {
      if (system.path("text").isTextual()) {
        messages.add(new ChatMessage("system", system.get("text").asText()));
      }
    }
    JsonNode turns = body.get("messages");
    if (turns == null || !turns.isArray() || turns.isEmpty()) {
      throw new BadRequestException("messages: must be a non-empty list");
    }
    for (JsonNode turn : turns) {
      messages.add(new ChatMessage(JsonBody.requiredText(turn, "role"), text(turn.path("content"))));
    }
    Integer maxTokens = JsonBody.optionalInt(body.path("inferenceConfig"), "maxTokens");
    String tool = forcedTool(body.path("toolConfig"));
    OutputFormat format = tool == null ? OutputFormat.TEXT
        : OutputFormat.jsonSchema(tool, schemaOf(body.path("toolConfig"), tool));
    ChatRequest chat = new ChatRequest(model, messages, format, maxTokens);
    return new ModelCall<>(Endpoint.CONVERSE, model, List.of(chat.allText()), 1, receivedNanos,
        new Request(chat, tool));
  }

  @Override
  public Reply answer(ModelCall<Request> call, SchemaBreak spoil) {
    ChatRequest chat = call.payload().chat();
    ChatAnswer answer = responder.chat(chat);
    if (spoil != null) {
      answer = SchemaBreaker.spoil(answer, chat.format(), spoil);
    }
    ObjectNode block = NODES.objectNode();
    boolean toolUse = call.payload().tool() != null && answer.json() != null;
    if (toolUse) {
      ObjectNode use = block.putObject("toolUse");
      use.put("toolUseId", "tooluse_runnel" + ids.incrementAndGet());
      use.put("name", call.payload().tool());
      use.set("input", answer.json());
    } else {
      block.put("text", answer.text());
    }
    ObjectNode body = NODES.objectNode();
    ObjectNode message = body.putObject("output").putObject("message").put("role", "assistant");
    message.putArray("content").add(block);
    body.put("stopReason", toolUse ? "tool_use" : "end_turn");
    int input = Words.tokens(chat.allText(), 1);
    int output = Words.tokens(answer.text(), 1);
    body.putObject("usage").put("inputTokens", input).put("outputTokens", output).put("totalTokens", input + output);
    body.putObject("metrics").put("latencyMs", (System.nanoTime() - call.receivedNanos()) / 1_000_000);
    return Reply.json(200, body);
  }

  private static String text(JsonNode content) {
    List<String> parts = new ArrayList<>();
    for (JsonNode block : content) {
      if (block.path("text").isTextual()) {
        parts.add(block.get("text").asText());
      }
    }
    return String.join("\n", parts);
  }

  private static String forcedTool(JsonNode toolConfig) throws BadRequestException {
    JsonNode choice = toolConfig.path("toolChoice");
    if (choice.has("tool")) {
      return JsonBody.requiredText(choice.get("tool"), "name");
    }
    JsonNode tools = toolConfig.path("tools");
    if (choice.has("any") && tools.isArray() && !tools.isEmpty()) {
      return JsonBody.requiredText(tools.get(0).path("toolSpec"), "name");
    }
    return null;
  }

  private static JsonNode schemaOf(JsonNode toolConfig, String tool) throws BadRequestException {
    for (JsonNode spec : toolConfig.path("tools")) {
      if (tool.equals(spec.path("toolSpec").path("name").asText())) {
        JsonNode schema = spec.path("toolSpec").path("inputSchema").path("json");
        if (!schema.isObject()) {
          throw new BadRequestException("toolSpec " + tool + ": inputSchema.json must be an object");
        }
        return schema;
      }
    }
    throw new BadRequestException("toolChoice names tool " + tool + ", which toolConfig.tools does not define");
  }
}
