package dev.runnel.planner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON schema of the record a chat model must answer with, as OpenAI's strict structured outputs and Bedrock's
 * tool input schemas accept it: every field required, no other properties. Records, strings, numbers, booleans, enums
 * and lists of these are describable; anything else is a problem at plan time.
 */
final class AnswerSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AnswerSchemas() {}

  /** The schema of {@code type} as JSON text, or null (with a problem at {@code at}) when it cannot be described. */
  static String of(Class<?> type, List<JobProblem> problems, String at) {
    if (!type.isRecord()) {
      problems.add(new JobProblem(at, "the answer type " + Describe.type(type) + " is not a record",
          "Declare the answer as a record, e.g. record Verdict(boolean compliant, String reason) {}; its fields"
              + " become the JSON schema the model must answer with."));
      return null;
    }
    try {
      return JSON.writeValueAsString(object(type, new HashSet<>()));
    } catch (UndescribableException e) {
      problems.add(new JobProblem(at, "the answer type " + Describe.type(type) + " cannot be a JSON schema: "
          + e.getMessage(), "Use records, String, numbers, boolean, enums and List<...> of these in answer types."));
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The schema of a classification: an object whose one field {@code label} is one of {@code labels}. */
  static String ofLabels(List<String> labels) {
    ObjectNode schema = NODES.objectNode().put("type", "object");
    ObjectNode label = schema.putObject("properties").putObject("label").put("type", "string");
    ArrayNode values = label.putArray("enum");
    labels.forEach(values::add);
    schema.putArray("required").add("label");
    schema.put("additionalProperties", false);
    return schema.toString();
  }

  private static ObjectNode object(Class<?> type, Set<Class<?>> enclosing) throws UndescribableException {
    if (!enclosing.add(type)) {
      throw new UndescribableException("record " + type.getSimpleName() + " contains itself");
    }
    ObjectNode schema = NODES.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    for (RecordComponent component : type.getRecordComponents()) {
      properties.set(component.getName(), of(component.getGenericType(), component.getName(), enclosing));
      required.add(component.getName());
    }
    schema.put("additionalProperties", false);
    enclosing.remove(type);
    return schema;
  }

  private static ObjectNode of(Type type, String field, Set<Class<?>> enclosing) throws UndescribableException {
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
        && Collection.class.isAssignableFrom(raw)) {
      ObjectNode array = NODES.objectNode().put("type", "array");
      array.set("items", of(p.getActualTypeArguments()[0], field, enclosing));
      return array;
    }
    if (!(type instanceof Class<?> c)) {
      throw new UndescribableException("field '" + field + "' has type " + type.getTypeName());
    }
    if (c == String.class || c == char.class || c == Character.class) {
      return NODES.objectNode().put("type", "string");
    }
    if (c == boolean.class || c == Boolean.class) {
      return NODES.objectNode().put("type", "boolean");
    }
    if (c == int.class || c == long.class || c == short.class || c == byte.class || c == Integer.class
        || c == Long.class || c == Short.class || c == Byte.class) {
      return NODES.objectNode().put("type", "integer");
    }
    if (c == double.class || c == float.class || c == Double.class || c == Float.class) {
      return NODES.objectNode().put("type", "number");
    }
    if (c.isEnum()) {
      ObjectNode schema = NODES.objectNode().put("type", "string");
      ArrayNode values = schema.putArray("enum");
      for (Object constant : c.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
      return schema;
    }
    if (c.isArray() && c.getComponentType() != char.class) {
      ObjectNode array = NODES.objectNode().put("type", "array");
      array.set("items", of(c.getComponentType(), field, enclosing));
      return array;
    }
    if (c.isRecord()) {
      return object(c, enclosing);
    }
    throw new UndescribableException("field '" + field + "' has type " + c.getSimpleName());
  }

  private static final class UndescribableException extends Exception {
    UndescribableException(String message) {
      super(message);
    }
  }
}
