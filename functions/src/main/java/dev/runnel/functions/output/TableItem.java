package dev.runnel.functions.output;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item for a DynamoDB table sink.
 *
 * @param output the output's name
 * @param table  the table to write it to
 * @param item   the item's attributes, its key attributes included
 */
public record TableItem(String output, String table, Map<String, AttributeValue> item) implements Emission {
  public TableItem {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(table, "table");
    item = Map.copyOf(item);
  }
}
