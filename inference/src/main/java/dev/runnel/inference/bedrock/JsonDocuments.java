package dev.runnel.inference.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/** Converts between JSON text and the AWS SDK's {@link Document}s (tool schemas and tool-use inputs). */
final class JsonDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonDocuments() {}

  /**
   * The document of a JSON text.
   *
   * @throws IllegalArgumentException when {@code json} is not JSON
   */
  static Document fromJson(String json) {
    try {
      return document(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The JSON text of a document. */
  static String toJson(Document document) {
    try {
      return JSON.writeValueAsString(node(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a document that cannot be written as JSON", e);
    }
  }

  private static Document document(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Document.fromNull();
    }
    if (node.isObject()) {
      Map<String, Document> fields = new LinkedHashMap<>();
      node.properties().forEach(field -> fields.put(field.getKey(), document(field.getValue())));
      return Document.fromMap(fields);
    }
    if (node.isArray()) {
      List<Document> items = new ArrayList<>();
      node.forEach(item -> items.add(document(item)));
      return Document.fromList(items);
    }
    if (node.isNumber()) {
      return Document.fromNumber(SdkNumber.fromString(node.asText()));
    }
    if (node.isBoolean()) {
      return Document.fromBoolean(node.booleanValue());
    }
    return Document.fromString(node.asText());
  }

  private static JsonNode node(Document document) throws JsonProcessingException {
    if (document == null || document.isNull()) {
      return NODES.nullNode();
    }
    if (document.isMap()) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<String, Document> field : document.asMap().entrySet()) {
        object.set(field.getKey(), node(field.getValue()));
      }
      return object;
    }
    if (document.isList()) {
      ArrayNode array = NODES.arrayNode();
      for (Document item : document.asList()) {
        array.add(node(item));
      }
      return array;
    }
    if (document.isNumber()) {
      return JSON.readTree(document.asNumber().stringValue());
    }
    if (document.isBoolean()) {
      return NODES.booleanNode(document.asBoolean());
    }
    return NODES.textNode(document.asString());
  }
}
