package dev.runnel.functions.output;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item for a DynamoDB table sink.
 *
 * @param output the output's name
 * @param table  the table to write it to
 * @param item     the item's attributes, its key attributes included
 * @param position the position of the input record that produced it, when the item must never be overwritten by an
 *                 older one (exactly-once keyed stages; see docs/exactly-once.md), or null
 */
public record TableItem(String output, String table, Map<String, AttributeValue> item, String position)
    implements Emission {
  /** The attribute holding the producing record's position in a positioned item. */
  public static final String POSITION_ATTRIBUTE = "runnel_position";
  /**
   * The bytes a position stamp can add to an item: the attribute name, a shard id (at most 128 characters in
   * Kinesis), a slash and the 64-digit sequence number, rounded up.
   */
  public static final int POSITION_RESERVE_BYTES = 256;

  public TableItem {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(table, "table");
    item = Map.copyOf(item);
  }

  /** An item written unconditionally. */
  public TableItem(String output, String table, Map<String, AttributeValue> item) {
    this(output, table, item, null);
  }

  /**
   * The same item stamped with the position of the input record at {@code shardId}/{@code sequenceNumber}, padded
   * so that positions compare as strings: a later record of the same key always compares greater.
   */
  public TableItem withPosition(String shardId, String sequenceNumber) {
    return withStampedPosition(stamped(shardId, sequenceNumber));
  }

  /** The stamp of a record position: {@code shardId/} and the sequence number padded to 64 digits, so text order is number order. */
  public static String stamped(String shardId, String sequenceNumber) {
    return shardId + "/" + "0".repeat(Math.max(0, 64 - sequenceNumber.length())) + sequenceNumber;
  }

  /** The same item stamped with a position computed by the caller (a firing round's; see docs/time.md). */
  public TableItem withStampedPosition(String stamped) {
    Map<String, AttributeValue> withPosition = new java.util.HashMap<>(item);
    withPosition.put(POSITION_ATTRIBUTE, AttributeValue.fromS(stamped));
    return new TableItem(output, table, withPosition, stamped);
  }
}
