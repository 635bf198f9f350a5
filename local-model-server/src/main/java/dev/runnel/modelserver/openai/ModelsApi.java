package dev.runnel.modelserver.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.modelserver.Endpoint;
import dev.runnel.modelserver.faults.SchemaBreak;
import dev.runnel.modelserver.http.EndpointApi;
import dev.runnel.modelserver.http.ErrorDialect;
import dev.runnel.modelserver.http.IncomingRequest;
import dev.runnel.modelserver.http.ModelCall;
import dev.runnel.modelserver.http.Reply;
import java.util.List;

/** OpenAI {@code GET /v1/models}: lists the configured model ids. */
public final class ModelsApi implements EndpointApi<Void> {
  private final List<String> modelIds;
  private final ErrorDialect errors;

  /** Lists {@code modelIds}. */
  public ModelsApi(List<String> modelIds, ErrorDialect errors) {
    this.modelIds = List.copyOf(modelIds);
    this.errors = errors;
  }

  @Override
  public Endpoint endpoint() {
    return Endpoint.MODELS;
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
  public ModelCall<Void> parse(IncomingRequest request, long receivedNanos) {
    return new ModelCall<>(Endpoint.MODELS, "", List.of(), 0, receivedNanos, null);
  }

  @Override
  public Reply answer(ModelCall<Void> call, SchemaBreak spoil) {
    ArrayNode data = JsonNodeFactory.instance.arrayNode();
    for (String id : modelIds) {
      data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", "runnel");
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("object", "list");
    body.set("data", data);
    return Reply.json(200, body);
  }
}
