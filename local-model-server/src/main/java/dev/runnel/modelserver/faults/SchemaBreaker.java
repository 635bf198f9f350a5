package dev.runnel.modelserver.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.modelserver.answer.ChatAnswer;
import dev.runnel.modelserver.answer.OutputFormat;
import java.util.Locale;
import java.util.Map;

/** Spoils a well-formed answer so that it no longer matches the request's schema ({@link SchemaBreak}). */
public final class SchemaBreaker {
  /** The value put into an enum-valued property by {@link SchemaBreak#OUTSIDE_ENUM}. */
  public static final String OUTSIDE_ENUM_VALUE = "__not_in_enum__";

  private SchemaBreaker() {
  }

  /** {@code answer} spoiled as {@code how} says; a plain-text answer becomes text that is not JSON at all. */
  public static ChatAnswer spoil(ChatAnswer answer, OutputFormat format, SchemaBreak how) {
    if (how == SchemaBreak.TRUNCATED_CONTENT) {
      String text = answer.text();
      return ChatAnswer.text(text.substring(0, Math.max(0, Math.min(text.length() - 1, text.length() / 2))));
    }
    if (!(answer.json() instanceof ObjectNode original) || original.isEmpty()) {
      return ChatAnswer.text("Sorry, I cannot answer in that format.");
    }
    ObjectNode spoiled = original.deepCopy();
    JsonNode schema = format.schema();
    switch (how) {
      case MISSING_REQUIRED -> spoiled.remove(requiredName(schema, spoiled));
      case OUTSIDE_ENUM -> {
        String enumName = enumName(schema);
        if (enumName != null && spoiled.has(enumName)) {
          spoiled.put(enumName, OUTSIDE_ENUM_VALUE);
        } else {
          wrongType(spoiled);
        }
      }
      default -> wrongType(spoiled);
    }
    return ChatAnswer.json(spoiled);
  }

  private static String requiredName(JsonNode schema, ObjectNode answer) {
    if (schema != null) {
      for (JsonNode required : schema.path("required")) {
        if (answer.has(required.asText())) {
          return required.asText();
        }
      }
    }
    return answer.fieldNames().next();
  }

  private static String enumName(JsonNode schema) {
    if (schema == null) {
      return null;
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      if (property.getValue().has("enum")) {
        return property.getKey();
      }
    }
    return null;
  }

  private static void wrongType(ObjectNode answer) {
    String first = answer.fieldNames().next();
    if (answer.get(first).isTextual()) {
      answer.put(first, 42);
    } else {
      answer.put(first, "not a " + answer.get(first).getNodeType().name().toLowerCase(Locale.ROOT));
    }
  }
}
