package dev.runnel.modelserver.answer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What shape the answer must take: plain text, any JSON object, or JSON matching a schema (OpenAI's
 * {@code response_format}, or a Bedrock tool the request forces).
 *
 * @param kind   text, JSON object or JSON schema
 * @param name   the schema's (or tool's) name; empty unless {@code kind} is {@link Kind#JSON_SCHEMA}
 * @param schema the JSON schema; null unless {@code kind} is {@link Kind#JSON_SCHEMA}
 */
public record OutputFormat(Kind kind, String name, JsonNode schema) {
  /** Plain text. */
  public static final OutputFormat TEXT = new OutputFormat(Kind.TEXT, "", null);
  /** Any JSON object. */
  public static final OutputFormat JSON_OBJECT = new OutputFormat(Kind.JSON_OBJECT, "", null);

  /** The shapes an answer can take. */
  public enum Kind { TEXT, JSON_OBJECT, JSON_SCHEMA }

  public OutputFormat {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if ((kind == Kind.JSON_SCHEMA) != (schema != null)) {
      throw new IllegalArgumentException("a schema goes with JSON_SCHEMA and only with it");
    }
  }

  /** JSON that must match {@code schema}. */
  public static OutputFormat jsonSchema(String name, JsonNode schema) {
    return new OutputFormat(Kind.JSON_SCHEMA, name, Objects.requireNonNull(schema, "schema"));
  }
}
