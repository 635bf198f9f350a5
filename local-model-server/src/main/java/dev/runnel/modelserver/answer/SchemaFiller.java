package dev.runnel.modelserver.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a JSON value that matches a JSON schema, filling each property by the rules for its name (sentiment, topic,
 * label, compliant/allowed, reason/violation, rating, confidence...) and otherwise with values derived from the
 * prompt. Understands {@code type} (also as a list), {@code properties}, {@code items}, {@code enum}, {@code const},
 * local {@code $ref}s, {@code anyOf}/{@code oneOf} (the first non-null branch), {@code allOf} (the first branch),
 * {@code minimum}/{@code maximum}, {@code minItems}/{@code maxItems} and {@code minLength}/{@code maxLength}.
 */
public final class SchemaFiller {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 12;

  private final JsonNode root;
  private final PromptFacts facts;

  private SchemaFiller(JsonNode root, PromptFacts facts) {
    this.root = root;
    this.facts = facts;
  }

  /** A value matching {@code schema}, built from the facts of the prompt. */
  public static JsonNode fill(JsonNode schema, PromptFacts facts) {
    return new SchemaFiller(schema, facts).value("", schema, 0);
  }

  private JsonNode value(String name, JsonNode schema, int depth) {
    JsonNode s = resolve(schema, depth);
    if (s.has("const")) {
      return s.get("const");
    }
    if (s.has("enum") && s.get("enum").isArray() && !s.get("enum").isEmpty()) {
      List<JsonNode> values = new ArrayList<>();
      s.get("enum").forEach(values::add);
      return LabelPicker.pick(name, values, facts);
    }
    return switch (type(s)) {
      case "object" -> object(s, depth);
      case "array" -> array(name, s, depth);
      case "integer" -> NODES.numberNode(Math.round(clamp(integer(name), s)));
      case "number" -> NODES.numberNode(clamp(number(name, s), s));
      case "boolean" -> NODES.booleanNode(bool(name));
      case "null" -> NODES.nullNode();
      default -> NODES.textNode(sized(string(name, s), s));
    };
  }

  private JsonNode resolve(JsonNode schema, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("schema nests deeper than " + MAX_DEPTH + " levels (recursive $ref?)");
    }
    JsonNode s = schema;
    for (int hops = 0; s.has("$ref") && hops < MAX_DEPTH; hops++) {
      String ref = s.get("$ref").asText();
      JsonNode target = ref.startsWith("#") ? root.at(ref.substring(1)) : null;
      if (target == null || target.isMissingNode()) {
        throw new IllegalArgumentException("cannot resolve $ref " + ref);
      }
      s = target;
    }
    for (String union : List.of("anyOf", "oneOf", "allOf")) {
      if (s.has(union) && s.get(union).isArray() && !s.get(union).isEmpty()) {
        for (JsonNode branch : s.get(union)) {
          if (!"null".equals(type(resolve(branch, depth + 1)))) {
            return resolve(branch, depth + 1);
          }
        }
        return resolve(s.get(union).get(0), depth + 1);
      }
    }
    return s;
  }

  private static String type(JsonNode s) {
    JsonNode type = s.get("type");
    if (type != null && type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return t.asText();
        }
      }
      return "null";
    }
    if (type != null) {
      return type.asText();
    }
    if (s.has("properties")) {
      return "object";
    }
    return s.has("items") ? "array" : "string";
  }

  private ObjectNode object(JsonNode s, int depth) {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> property : s.path("properties").properties()) {
      out.set(property.getKey(), value(property.getKey(), property.getValue(), depth + 1));
    }
    return out;
  }

  private ArrayNode array(String name, JsonNode s, int depth) {
    int count = Math.max(1, s.path("minItems").asInt(0));
    if (s.has("maxItems")) {
      count = Math.min(count, s.get("maxItems").asInt());
    }
    ArrayNode out = NODES.arrayNode();
    JsonNode items = s.path("items");
    for (int i = 0; i < count; i++) {
      out.add(items.isObject() ? value(name, items, depth + 1) : NODES.textNode(facts.summary(1)));
    }
    return out;
  }

  private String string(String name, JsonNode s) {
    String property = name.toLowerCase(Locale.ROOT);
    String format = s.path("format").asText("");
    if (format.equals("date-time")) {
      return "2026-01-01T00:00:00Z";
    }
    if (format.equals("date")) {
      return "2026-01-01";
    }
    if (property.contains("sentiment") || property.equals("label") || property.contains("class")) {
      return facts.sentiment().label();
    }
    if (property.contains("topic") || property.contains("category")) {
      return facts.topic().label();
    }
    if (property.contains("violation")) {
      return facts.moderation().violates() ? facts.moderation().category() : "none";
    }
    if (property.contains("reason") || property.contains("explanation") || property.contains("rationale")) {
      return facts.moderation().reason();
    }
    if (property.contains("lang")) {
      return "en";
    }
    String summary = facts.summary(8);
    return summary.isEmpty() ? "n/a" : summary;
  }

  private static String sized(String text, JsonNode s) {
    String out = text;
    if (s.has("maxLength") && out.length() > s.get("maxLength").asInt()) {
      out = out.substring(0, s.get("maxLength").asInt());
    }
    int min = s.path("minLength").asInt(0);
    return out.length() < min ? out + "x".repeat(min - out.length()) : out;
  }

  private double integer(String name) {
    String property = name.toLowerCase(Locale.ROOT);
    if (property.contains("rating") || property.contains("star") || property.contains("score")) {
      return switch (facts.sentiment()) {
        case POSITIVE -> 5;
        case NEGATIVE -> 1;
        case NEUTRAL -> 3;
      };
    }
    return facts.words().size();
  }

  private double number(String name, JsonNode s) {
    String property = name.toLowerCase(Locale.ROOT);
    if (property.contains("confidence") || property.contains("probability")) {
      return SentimentLexicon.evidence(facts.words()) > 0 || facts.moderation().violates() ? 0.9 : 0.6;
    }
    if (property.contains("score") || property.contains("rating")) {
      double low = s.path("minimum").asDouble(0.0);
      double high = s.path("maximum").asDouble(1.0);
      return switch (facts.sentiment()) {
        case POSITIVE -> high;
        case NEGATIVE -> low;
        case NEUTRAL -> (low + high) / 2;
      };
    }
    return facts.text().length() / 10.0;
  }

  private boolean bool(String name) {
    String property = name.toLowerCase(Locale.ROOT);
    boolean violates = facts.moderation().violates();
    if (property.contains("non") || property.contains("violat") || property.contains("flag")
        || property.contains("block") || property.contains("unsafe") || property.contains("reject")
        || property.contains("prohibit") || property.contains("counterfeit")) {
      return violates;
    }
    if (property.contains("compli") || property.contains("allow") || property.contains("safe")
        || property.contains("approv") || property.contains("ok") || property.contains("valid")
        || property.contains("pass")) {
      return !violates;
    }
    if (property.contains("positive")) {
      return facts.sentiment() == Sentiment.POSITIVE;
    }
    if (property.contains("negative")) {
      return facts.sentiment() == Sentiment.NEGATIVE;
    }
    return false;
  }

  private static double clamp(double value, JsonNode s) {
    double out = value;
    if (s.has("minimum")) {
      out = Math.max(out, s.get("minimum").asDouble());
    }
    if (s.has("maximum")) {
      out = Math.min(out, s.get("maximum").asDouble());
    }
    if (s.has("exclusiveMinimum") && s.get("exclusiveMinimum").isNumber()) {
      out = Math.max(out, s.get("exclusiveMinimum").asDouble() + 1);
    }
    if (s.has("exclusiveMaximum") && s.get("exclusiveMaximum").isNumber()) {
      out = Math.min(out, s.get("exclusiveMaximum").asDouble() - 1);
    }
    return out;
  }
}
