package dev.runnel.functions.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts a JSON tree to DynamoDB attribute values the way {@code EnhancedDocument.fromJson(json).toMap()} does
 * (object = M, array = L, string = S, number = N, boolean = BOOL, null = NUL), without a second JSON parse.
 */
public final class JsonAttributes {
  private JsonAttributes() {}

  /** The attributes of a JSON object, one per field. */
  public static Map<String, AttributeValue> item(JsonNode object) {
    if (!object.isObject()) {
      throw new IllegalArgumentException("a table item must be a JSON object, not " + object.getNodeType());
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    object.fields().forEachRemaining(field -> item.put(field.getKey(), value(field.getValue())));
    return item;
  }

  /** One JSON value as an attribute value; NaN and infinities are rejected. */
  public static AttributeValue value(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        return AttributeValue.fromM(item(node));
      case ARRAY:
        List<AttributeValue> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(value(element)));
        return AttributeValue.fromL(list);
      case STRING:
        return AttributeValue.fromS(node.textValue());
      case NUMBER:
        return AttributeValue.fromN(number(node));
      case BOOLEAN:
        return AttributeValue.fromBool(node.booleanValue());
      case NULL:
        return AttributeValue.fromNul(true);
      case BINARY:
        return AttributeValue.fromS(node.asText());
      default:
        throw new IllegalArgumentException("cannot store a JSON " + node.getNodeType() + " in DynamoDB");
    }
  }

  private static String number(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    double d = node.doubleValue();
    if (node.isFloatingPointNumber() && !node.isBigDecimal() && (Double.isNaN(d) || Double.isInfinite(d))) {
      throw new IllegalArgumentException("DynamoDB cannot store the number " + d);
    }
    return node.decimalValue().stripTrailingZeros().toPlainString();
  }
}
