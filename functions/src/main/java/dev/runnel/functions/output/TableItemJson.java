package dev.runnel.functions.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table-sink item read back as the JSON of the record it was written from: without the position attribute Runnel
 * adds to items of exactly-once table sinks ({@link TableItem#POSITION_ATTRIBUTE}, which differs from run to run),
 * whole numbers as integers, nested maps in key order.
 */
public final class TableItemJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TableItemJson() {}

  /** The item's record: the attributes named in {@code preferredOrder} first, in that order, then the rest sorted. */
  public static ObjectNode record(Map<String, AttributeValue> item, List<String> preferredOrder) {
    List<String> names = new ArrayList<>();
    preferredOrder.stream().filter(item::containsKey).forEach(names::add);
    item.keySet().stream().filter(n -> !names.contains(n) && !n.equals(TableItem.POSITION_ATTRIBUTE)).sorted()
        .forEach(names::add);
    ObjectNode object = NODES.objectNode();
    names.forEach(name -> object.set(name, node(item.get(name))));
    return object;
  }

  /** Whole numbers as integers (3, not 3.0 or 3E+0), others as decimals. */
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
        value.m().entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> map.set(e.getKey(), node(e.getValue())));
        yield map;
      }
      case L -> {
        ArrayNode list = NODES.arrayNode();
        value.l().forEach(v -> list.add(node(v)));
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
