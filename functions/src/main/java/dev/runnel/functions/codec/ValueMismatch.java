package dev.runnel.functions.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says which field of a record holds a JSON value of the wrong type, and what type that value is: "field
 * 'lines[0].quantity' is int, but the value is a floating-point number (12.5)". Built from Jackson's mismatch, which
 * knows the target type, and from the parser, still on the value that did not fit.
 */
final class ValueMismatch {
  private static final int MAX_VALUE_CHARS = 60;

  private ValueMismatch() {}

  /**
   * The message for {@code e}, thrown while {@code parser} (still open) read the value, or null if it is not about
   * one value of a field.
   */
  static String describe(MismatchedInputException e, JsonParser parser) {
    String field = path(e.getPath());
    if (field.isEmpty()) {
      field = path(parser.getParsingContext());
    }
    if (field.isEmpty() || e.getTargetType() == null) {
      return null;
    }
    String valueType;
    try {
      valueType = valueType(parser);
    } catch (IOException unreadable) {
      return null;
    }
    if (valueType == null) {
      return null;
    }
    return "field '" + field + "' is " + typeName(e.getTargetType()) + ", but the value is " + valueType;
  }

  /** "lines[0].quantity" from Jackson's reference chain. */
  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** "lines[0].quantity" from where the parser stopped (Jackson keeps no reference chain for creator properties). */
  private static String path(JsonStreamContext context) {
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inObject() && at.getCurrentName() != null) {
        parts.addFirst((at.getParent() != null && !at.getParent().inRoot() ? "." : "") + at.getCurrentName());
      } else if (at.inArray()) {
        parts.addFirst("[" + Math.max(0, at.getCurrentIndex()) + "]");
      }
    }
    return String.join("", parts);
  }

  private static String valueType(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return null;
    }
    return switch (token) {
      case VALUE_STRING -> "a string (" + excerpt("\"" + parser.getText() + "\"") + ")";
      case VALUE_NUMBER_INT -> "an integer (" + excerpt(parser.getText()) + ")";
      case VALUE_NUMBER_FLOAT -> "a floating-point number (" + excerpt(parser.getText()) + ")";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean (" + parser.getText() + ")";
      case VALUE_NULL -> "null";
      case START_OBJECT, FIELD_NAME, END_OBJECT -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      default -> null;
    };
  }

  private static String typeName(Class<?> type) {
    if (type.isArray()) {
      return typeName(type.getComponentType()) + "[]";
    }
    if (List.class.isAssignableFrom(type)) {
      return "List";
    }
    if (Set.class.isAssignableFrom(type)) {
      return "Set";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "Map";
    }
    return type.getName().startsWith("java.") ? type.getSimpleName() : type.getName();
  }

  private static String excerpt(String text) {
    return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS - 1) + "…";
  }
}
