package dev.runnel.deploytests.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.deploytests.sam.CfnTemplate;
import java.util.HashMap;
import java.util.Map;

/**
 * Rewrites a translated template so moto 5.2's CloudFormation can create it: every {@code Ref} to an
 * {@code AWS::Lambda::Alias} (which moto does not implement) becomes the ARN of the alias's function. The event
 * source mappings, permissions and schedule targets then point at the unqualified function; that they point at the
 * alias is checked in the untouched template.
 */
public final class MotoTemplateWorkarounds {
  private MotoTemplateWorkarounds() {}

  /** A copy of {@code template} with alias references replaced. */
  public static CfnTemplate apply(CfnTemplate template) {
    ObjectNode copy = template.json().deepCopy();
    Map<String, String> functionOfAlias = new HashMap<>();
    template.resources("AWS::Lambda::Alias").forEach((alias, props) -> {
      JsonNode function = props.path("FunctionName").path("Ref");
      if (function.isTextual()) {
        functionOfAlias.put(alias, function.asText());
      }
    });
    replace(copy.path("Resources"), functionOfAlias);
    return new CfnTemplate(copy);
  }

  private static void replace(JsonNode node, Map<String, String> functionOfAlias) {
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(field -> {
        String function = refToAlias(field.getValue(), functionOfAlias);
        if (function != null) {
          field.setValue(arnOf(function));
        } else {
          replace(field.getValue(), functionOfAlias);
        }
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String function = refToAlias(array.get(i), functionOfAlias);
        if (function != null) {
          array.set(i, arnOf(function));
        } else {
          replace(array.get(i), functionOfAlias);
        }
      }
    }
  }

  private static String refToAlias(JsonNode value, Map<String, String> functionOfAlias) {
    return value.isObject() && value.size() == 1 && value.path("Ref").isTextual()
        ? functionOfAlias.get(value.path("Ref").asText()) : null;
  }

  private static JsonNode arnOf(String function) {
    ObjectNode getAtt = JsonNodeFactory.instance.objectNode();
    getAtt.putArray("Fn::GetAtt").add(function).add("Arn");
    return getAtt;
  }
}
