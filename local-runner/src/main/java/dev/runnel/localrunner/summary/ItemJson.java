package dev.runnel.localrunner.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.functions.output.TableItem;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Shows a DynamoDB item as compact JSON, its attributes in a preferred order (the record's fields), then the rest. */
final class ItemJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ItemJson() {}

  /**
   * The item's record as one line of JSON, without the attribute Runnel adds to items of exactly-once table sinks
   * (the producing record's position, which differs from run to run).
   */
  static String of(Map<String, AttributeValue> item, List<String> preferredOrder) {
    List<String> names = new ArrayList<>();
    preferredOrder.stream().filter(item::containsKey).forEach(names::add);
    item.keySet().stream().filter(n -> !names.contains(n) && !n.equals(TableItem.POSITION_ATTRIBUTE)).sorted()
        .forEach(names::add);
    ObjectNode object = NODES.objectNode();
    names.forEach(name -> object.set(name, node(item.get(name))));
    try {
      return MAPPER.writeValueAsString(object);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whole numbers print as integers (3, not 3.0 or 3E+0), others as decimals. */
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
