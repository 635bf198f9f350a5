package dev.runnel.deploytests.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudFormation template (JSON), as the SAM transform wrote it: the body to deploy and the place to check the
 * settings an emulator does not report back.
 *
 * @param json the whole template
 */
public record CfnTemplate(JsonNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The template body, as CreateStack takes it. */
  public String body() {
    try {
      return JSON.writeValueAsString(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code Properties} of every resource of {@code type}, by logical id, in template order. */
  public Map<String, JsonNode> resources(String type) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    json.path("Resources").fields().forEachRemaining(entry -> {
      if (type.equals(entry.getValue().path("Type").asText())) {
        found.put(entry.getKey(), entry.getValue().path("Properties"));
      }
    });
    return found;
  }

  /** The {@code Properties} of the resource of {@code type} whose property {@code nameProperty} is {@code name}. */
  public JsonNode resourceNamed(String type, String nameProperty, String name) {
    return resources(type).values().stream().filter(p -> name.equals(p.path(nameProperty).asText())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + type + " with " + nameProperty + " " + name));
  }
}
