package dev.runnel.modelserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads JSON request bodies, turning anything unreadable into a {@link BadRequestException}. */
public final class JsonBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonBody() {
  }

  /** The body as a JSON object. */
  public static JsonNode object(byte[] body) throws BadRequestException {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new BadRequestException("the request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadRequestException("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequestException("the request body cannot be read: " + e.getMessage());
    }
  }

  /** The non-empty text field {@code name} of {@code node}. */
  public static String requiredText(JsonNode node, String name) throws BadRequestException {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new BadRequestException("'" + name + "' is required and must be a non-empty string");
    }
    return value.asText();
  }

  /** The integer field {@code name} of {@code node}, or null when absent or null. */
  public static Integer optionalInt(JsonNode node, String name) throws BadRequestException {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt()) {
      throw new BadRequestException("'" + name + "' must be an integer");
    }
    return value.asInt();
  }
}
