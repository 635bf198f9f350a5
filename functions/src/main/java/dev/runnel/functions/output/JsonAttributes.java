package dev.runnel.functions.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts a JSON tree to DynamoDB attribute values the way {@code EnhancedDocument.fromJson(json).toMap()} does
 * (object = M, array = L, string = S, number = N, boolean = BOOL, null = NUL), without a second JSON parse, and
 * refuses what DynamoDB would refuse: maps and lists nested deeper than {@link SizeLimits#DYNAMODB_NESTING_LEVELS},
 * numbers outside DynamoDB's range or precision, empty or over-long top-level attribute names.
 */
public final class JsonAttributes {
  /** The smallest magnitude of a non-zero DynamoDB number. */
  private static final BigDecimal SMALLEST = new BigDecimal("1E-130");
  /** Every DynamoDB number's magnitude is below this. */
  private static final BigDecimal BEYOND_LARGEST = new BigDecimal("1E+126");

  /**
   * The level of a top-level attribute's value: DynamoDB counts the item as the first of its 32 levels, so a
   * top-level attribute may hold 31 levels of maps and lists (DynamoDB Local refuses the 32nd).
   */
  private static final int TOP_LEVEL = 2;

  private JsonAttributes() {}

  /** The attributes of a JSON object, one per field; an {@link IllegalArgumentException} says what DynamoDB refuses. */
  public static Map<String, AttributeValue> item(JsonNode object) {
    if (!object.isObject()) {
      throw new IllegalArgumentException("a table item must be a JSON object, not " + object.getNodeType());
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    object.fields().forEachRemaining(field -> {
      int nameBytes = field.getKey().getBytes(StandardCharsets.UTF_8).length;
      if (nameBytes == 0 || nameBytes > SizeLimits.DYNAMODB_ATTRIBUTE_NAME_BYTES) {
        throw new IllegalArgumentException("a DynamoDB attribute name has 1 to "
            + SizeLimits.DYNAMODB_ATTRIBUTE_NAME_BYTES + " bytes, not " + nameBytes + "; rename the field");
      }
      item.put(field.getKey(), value(field.getValue(), TOP_LEVEL, field.getKey()));
    });
    return item;
  }

  /** One JSON value as a top-level attribute value; NaN, infinities and numbers DynamoDB cannot hold are rejected. */
  public static AttributeValue value(JsonNode node) {
    return value(node, TOP_LEVEL, "value");
  }

  /** {@code node} at nesting {@code level} inside the top-level attribute named {@code path}. */
  private static AttributeValue value(JsonNode node, int level, String path) {
    switch (node.getNodeType()) {
      case OBJECT: {
        checkLevel(level, path);
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> map.put(field.getKey(), value(field.getValue(), level + 1, path)));
        return AttributeValue.fromM(map);
      }
      case ARRAY: {
        checkLevel(level, path);
        List<AttributeValue> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          list.add(value(node.get(i), level + 1, path));
        }
        return AttributeValue.fromL(list);
      }
      case STRING:
        return AttributeValue.fromS(node.textValue());
      case NUMBER:
        return AttributeValue.fromN(number(node, path));
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

  private static void checkLevel(int level, String path) {
    if (level > SizeLimits.DYNAMODB_NESTING_LEVELS) {
      throw new IllegalArgumentException("field '" + shortened(path) + "' nests maps and lists " + level
          + " levels deep, counting the item; DynamoDB allows " + SizeLimits.DYNAMODB_NESTING_LEVELS
          + ": flatten the record or store the deep part as a JSON string");
    }
  }

  private static String number(JsonNode node, String path) {
    if (node.isInt() || node.isLong() || node.isShort()) {
      return node.asText(); // at most 19 digits: always within DynamoDB's range
    }
    if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("DynamoDB cannot store the number " + d + " of field '" + shortened(path)
            + "'; use null or a finite value");
      }
    }
    BigDecimal value = node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
    BigDecimal magnitude = value.abs().stripTrailingZeros();
    if (magnitude.signum() != 0 && (magnitude.precision() > SizeLimits.DYNAMODB_NUMBER_DIGITS
        || magnitude.compareTo(SMALLEST) < 0 || magnitude.compareTo(BEYOND_LARGEST) >= 0)) {
      String shown = magnitude.precision() > 60 ? "a " + magnitude.precision() + "-digit number" : value.toString();
      throw new IllegalArgumentException("DynamoDB cannot store " + shown + " in field '" + shortened(path)
          + "': its numbers have at most " + SizeLimits.DYNAMODB_NUMBER_DIGITS
          + " significant digits and a magnitude from 1E-130 to below 1E+126; round it or store it as a string");
    }
    return node.isIntegralNumber() ? node.bigIntegerValue().toString() : value.stripTrailingZeros().toPlainString();
  }

  private static String shortened(String path) {
    return path.length() <= 200 ? path : path.substring(0, 200) + "...";
  }
}
