package dev.runnel.infra.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading a template as maps: resources, properties, counts per type, and IAM's one-or-many values as lists. */
final class Cfn {
  private Cfn() {}

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
    return (Map<String, Map<String, Object>>) template.get("Resources");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> template, String logicalId) {
    Map<String, Object> resource = resources(template).get(logicalId);
    if (resource == null) {
      throw new AssertionError("no resource " + logicalId + " in " + resources(template).keySet());
    }
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  static String type(Map<String, Object> template, String logicalId) {
    return (String) resources(template).get(logicalId).get("Type");
  }

  /** The logical ids of every resource of {@code type}. */
  static List<String> ofType(Map<String, Object> template, String type) {
    List<String> ids = new ArrayList<>();
    resources(template).forEach((id, r) -> {
      if (type.equals(r.get("Type"))) {
        ids.add(id);
      }
    });
    return ids;
  }

  static Map<String, Integer> countsByType(Map<String, Object> template) {
    Map<String, Integer> counts = new TreeMap<>();
    resources(template).values().forEach(r -> counts.merge((String) r.get("Type"), 1, Integer::sum));
    return counts;
  }

  /** An IAM value that may be one item or a list, as a list. */
  static List<Object> list(Object value) {
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
  }

  /** A policy statement with Action and Resource as lists, other keys as they are. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> statement(Object statement) {
    Map<String, Object> normalized = new LinkedHashMap<>((Map<String, Object>) statement);
    normalized.computeIfPresent("Action", (k, v) -> list(v));
    normalized.computeIfPresent("Resource", (k, v) -> list(v));
    return new TreeMap<>(normalized);
  }

  /** {@code Fn::GetAtt [logicalId, Arn]}. */
  static Map<String, Object> arnOf(String logicalId) {
    return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
  }
}
