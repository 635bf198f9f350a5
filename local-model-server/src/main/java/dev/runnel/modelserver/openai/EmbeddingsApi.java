package dev.runnel.modelserver.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.answer.Responder;
import dev.runnel.modelserver.answer.Words;
import dev.runnel.modelserver.faults.SchemaBreak;
import dev.runnel.modelserver.http.BadRequestException;
import dev.runnel.modelserver.http.EndpointApi;
import dev.runnel.modelserver.http.ErrorDialect;
import dev.runnel.modelserver.http.IncomingRequest;
import dev.runnel.modelserver.http.JsonBody;
import dev.runnel.modelserver.http.ModelCall;
import dev.runnel.modelserver.http.Reply;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI {@code POST /v1/embeddings}: {@code input} is a string or an array of strings; {@code encoding_format} is
 * {@code float} (JSON numbers) or {@code base64} (little-endian float32, what the official SDKs ask for by default);
 * {@code dimensions} overrides the configured dimension.
 */
public final class EmbeddingsApi implements EndpointApi<EmbeddingsApi.Request> {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Responder responder;
  private final int defaultDimensions;
  private final ErrorDialect errors;

  /**
   * A parsed embeddings request.
   *
   * @param model      the model id
   * @param inputs     the texts to embed
   * @param base64     whether to answer in base64
   * @param dimensions the vector size
   */
  public record Request(String model, List<String> inputs, boolean base64, int dimensions) {
    public Request {
      inputs = List.copyOf(inputs);
    }
  }

  /** Answers with {@code responder}'s vectors of {@code defaultDimensions} unless a request asks otherwise. */
  public EmbeddingsApi(Responder responder, int defaultDimensions, ErrorDialect errors) {
    this.responder = responder;
    this.defaultDimensions = defaultDimensions;
    this.errors = errors;
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.EMBEDDINGS;
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
  public ModelCall<Request> parse(IncomingRequest request, long receivedNanos) throws BadRequestException {
    JsonNode body = JsonBody.object(request.body());
    String model = JsonBody.requiredText(body, "model");
    List<String> inputs = inputs(body.get("input"));
    String encoding = body.path("encoding_format").asText("float");
    if (!encoding.equals("float") && !encoding.equals("base64")) {
      throw new BadRequestException("'encoding_format' must be float or base64, not " + encoding);
    }
    Integer dimensions = JsonBody.optionalInt(body, "dimensions");
    if (dimensions != null && dimensions < 1) {
      throw new BadRequestException("'dimensions' must be positive");
    }
    Request parsed = new Request(model, inputs, encoding.equals("base64"),
        dimensions == null ? defaultDimensions : dimensions);
    return new ModelCall<>(Endpoint.EMBEDDINGS, model, inputs, inputs.size(), receivedNanos, parsed);
  }

  @Override
  public Reply answer(ModelCall<Request> call, SchemaBreak spoil) {
    Request request = call.payload();
    List<float[]> vectors = responder.embed(request.inputs(), request.dimensions());
    ArrayNode data = NODES.arrayNode();
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (request.base64()) {
        item.put("embedding", base64(vectors.get(i)));
      } else {
        ArrayNode numbers = item.putArray("embedding");
        for (float v : vectors.get(i)) {
          numbers.add(v);
        }
      }
    }
    int tokens = request.inputs().stream().mapToInt(text -> Words.tokens(text, 1)).sum();
    ObjectNode body = NODES.objectNode().put("object", "list");
    body.set("data", data);
    body.put("model", request.model());
    body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return Reply.json(200, body);
  }

  private static List<String> inputs(JsonNode input) throws BadRequestException {
    if (input != null && input.isTextual()) {
      return List.of(input.asText());
    }
    if (input == null || !input.isArray() || input.isEmpty()) {
      throw new BadRequestException("'input' is required: a string or a non-empty array of strings");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode item : input) {
      if (!item.isTextual()) {
        throw new BadRequestException("'input' arrays must hold strings (token arrays are not supported)");
      }
      texts.add(item.asText());
    }
    return texts;
  }

  private static String base64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      bytes.putFloat(v);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
