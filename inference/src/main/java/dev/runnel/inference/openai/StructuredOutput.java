package dev.runnel.inference.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.ResponseFormatJsonSchema.JsonSchema;
import java.util.Map;

/** The {@code response_format} that makes an OpenAI-compatible model answer JSON matching a schema (strict). */
final class StructuredOutput {
  /** The name the schema goes by in the request. */
  static final String SCHEMA_NAME = "answer";
  private static final ObjectMapper JSON = new ObjectMapper();

  private StructuredOutput() {}

  /**
   * The response format for {@code schema}, a JSON schema object as text.
   *
   * @throws IllegalArgumentException when {@code schema} is not a JSON object
   */
  static ResponseFormatJsonSchema of(String schema) {
    JsonNode root;
    try {
      root = JSON.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the output schema is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the output schema is not a JSON object");
    }
    JsonSchema.Schema.Builder body = JsonSchema.Schema.builder();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      body.putAdditionalProperty(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
    }
    return ResponseFormatJsonSchema.builder()
        .jsonSchema(JsonSchema.builder().name(SCHEMA_NAME).strict(true).schema(body.build()).build())
        .build();
  }
}
