package dev.runnel.testdriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.functions.output.TableItem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table-sink item as the JSON of the record it was written from, without the position attribute Runnel adds to
 * items of exactly-once table sinks.
 */
final class ItemJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ItemJson() {}

  static ObjectNode of(Map<String, AttributeValue> item) {
    ObjectNode object = NODES.objectNode();
    item.forEach((name, value) -> {
      if (!name.equals(TableItem.POSITION_ATTRIBUTE)) {
        object.set(name, node(value));
      }
    });
    return object;
  }

  private static JsonNode number(String text) {
    BigDecimal number = new BigDecimal(text);
    try {
      return NODES.numberNode(number.longValueExact());
    } catch (ArithmeticException notALong) {
      return NODES.numberNode(number);
    }
  }

  private static JsonNode node(AttributeValue value) {
    return switch (value.type()) {
      case S -> NODES.textNode(value.s());
      case N -> number(value.n());
      case BOOL -> NODES.booleanNode(value.bool());
      case NUL -> NODES.nullNode();
      case B -> NODES.textNode(new String(value.b().asByteArray(), StandardCharsets.UTF_8));
      case M -> {
        ObjectNode map = NODES.objectNode();
        value.m().forEach((name, inner) -> map.set(name, node(inner)));
        yield map;
      }
      case L -> {
        ArrayNode list = NODES.arrayNode();
        value.l().forEach(inner -> list.add(node(inner)));
        yield list;
      }
      case SS -> {
        ArrayNode list = NODES.arrayNode();
        value.ss().forEach(list::add);
        yield list;
      }
      case NS -> {
        ArrayNode list = NODES.arrayNode();
        value.ns().forEach(n -> list.add(number(n)));
        yield list;
      }
      default -> NODES.textNode(value.toString());
    };
  }
}
