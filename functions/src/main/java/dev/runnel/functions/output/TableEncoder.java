package dev.runnel.functions.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Encodes records for a table sink: one item per record, one attribute per JSON field. Key attributes are stored
 * as strings (plan tables have string keys), so a numeric key field becomes its decimal text.
 *
 * @param name          the output's name
 * @param from          the node it writes
 * @param table         the target table
 * @param keyAttributes the table's partition key attribute, then its sort key attribute if any
 */
public record TableEncoder(String name, String from, String table, List<String> keyAttributes)
    implements OutputEncoder {

  public TableEncoder {
    keyAttributes = List.copyOf(keyAttributes);
  }

  @Override
  public Emission encode(Object record, InputRecord input) throws StepFailure {
    Map<String, AttributeValue> item;
    try {
      JsonNode tree = RunnelJson.MAPPER.valueToTree(record);
      item = JsonAttributes.item(tree);
    } catch (RuntimeException e) {
      throw new StepFailure(ErrorType.ENCODE, name, "output '" + name + "' cannot turn its record into an item of "
          + "table " + table, e);
    }
    for (String attribute : keyAttributes) {
      item.put(attribute, key(item.get(attribute), attribute));
    }
    long size = ItemSize.of(item);
    if (size > SizeLimits.DYNAMODB_ITEM_BYTES) {
      throw new StepFailure(ErrorType.OVERSIZE, name, "output '" + name + "' would write a " + size
          + "-byte item to table " + table + "; a DynamoDB item is limited to " + SizeLimits.DYNAMODB_ITEM_BYTES
          + " bytes", null);
    }
    return new TableItem(name, table, item);
  }

  private AttributeValue key(AttributeValue value, String attribute) throws StepFailure {
    String text = null;
    if (value != null && value.s() != null) {
      text = value.s();
    } else if (value != null && value.n() != null) {
      text = value.n();
    } else if (value != null && value.bool() != null) {
      text = value.bool().toString();
    }
    if (text == null || text.isEmpty()) {
      throw new StepFailure(ErrorType.KEY, name, "output '" + name + "': key attribute '" + attribute
          + "' of table " + table + " is " + (value == null ? "missing" : text == null ? "not a scalar" : "empty"),
          null);
    }
    return AttributeValue.fromS(text);
  }
}
