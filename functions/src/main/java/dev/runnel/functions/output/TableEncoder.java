package dev.runnel.functions.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.codec.RunnelJson;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Encodes records for a table sink: one item per record, one attribute per JSON field. Key attributes are stored
 * as strings (plan tables have string keys), so a numeric key field becomes its decimal text. A record DynamoDB would
 * refuse (a key over its byte limit, an item over 400 KB, too deep or an unstorable number) fails here, alone.
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
    for (int i = 0; i < keyAttributes.size(); i++) {
      String attribute = keyAttributes.get(i);
      item.put(attribute, key(item.get(attribute), attribute, i == 0));
    }
    // A keyed stage stamps the item with its position later (TableItem.withPosition): leave room for it.
    long size = ItemSize.of(item) + TableItem.POSITION_RESERVE_BYTES;
    if (size > SizeLimits.DYNAMODB_ITEM_BYTES) {
      throw new StepFailure(ErrorType.OVERSIZE, name, "output '" + name + "' would write a " + size
          + "-byte item to table " + table + " (attribute names and values, " + TableItem.POSITION_RESERVE_BYTES
          + " bytes kept for Runnel's position stamp); a DynamoDB item is limited to "
          + SizeLimits.DYNAMODB_ITEM_BYTES + " bytes: store less in the record, or keep large parts elsewhere "
          + "(S3, say) and store a reference", null);
    }
    return new TableItem(name, table, item);
  }

  private AttributeValue key(AttributeValue value, String attribute, boolean partition) throws StepFailure {
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
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    int limit = partition ? SizeLimits.DYNAMODB_PARTITION_KEY_BYTES : SizeLimits.DYNAMODB_SORT_KEY_BYTES;
    if (bytes > limit) {
      throw new StepFailure(ErrorType.KEY, name, "output '" + name + "': " + (partition ? "partition" : "sort")
          + " key attribute '" + attribute + "' of table " + table + " is " + bytes + " bytes in UTF-8 ("
          + text.length() + " characters, starting '" + prefix(text) + "'); DynamoDB allows " + limit
          + " bytes for a " + (partition ? "partition" : "sort") + " key: shorten the key field, or key the "
          + "table by a hash of it", null);
    }
    return AttributeValue.fromS(text);
  }

  private static String prefix(String text) {
    int end = Math.min(text.length(), 40);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return end == text.length() ? text : text.substring(0, end) + "...";
  }
}
