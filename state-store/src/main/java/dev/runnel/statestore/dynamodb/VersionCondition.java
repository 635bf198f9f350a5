package dev.runnel.statestore.dynamodb;

import dev.runnel.statestore.item.ItemLayout;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The condition on a head item that makes a write optimistic: the item holds the expected version and has not
 * expired, or, when no version is expected, the item is absent or expired.
 *
 * @param expression the ConditionExpression
 * @param names      its ExpressionAttributeNames
 * @param values     its ExpressionAttributeValues
 */
record VersionCondition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

  /** The condition for a write expecting {@code expectedVersion} (null: absent), judged at {@code nowEpochSeconds}. */
  static VersionCondition of(String expectedVersion, long nowEpochSeconds) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    names.put("#ttl", ItemLayout.EXPIRES);
    values.put(":now", AttributeValue.fromN(Long.toString(nowEpochSeconds)));
    if (expectedVersion == null) {
      names.put("#pk", ItemLayout.PARTITION_KEY);
      return new VersionCondition("attribute_not_exists(#pk) OR #ttl <= :now", names, values);
    }
    names.put("#v", ItemLayout.VERSION);
    values.put(":expected", AttributeValue.fromS(expectedVersion));
    return new VersionCondition("#v = :expected AND (attribute_not_exists(#ttl) OR #ttl > :now)", names, values);
  }
}
