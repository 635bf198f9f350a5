package dev.runnel.statestore.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import dev.runnel.statestore.item.ItemLayout;
import dev.runnel.statestore.item.StateItem;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Enhanced Client's static (reflection-free) mapping between {@link StateItem} and DynamoDB attributes. */
final class StateItemSchema {
  /** The table schema; absent (null) fields are left out of items. */
  static final TableSchema<StateItem> SCHEMA = StaticImmutableTableSchema.builder(StateItem.class, Builder.class)
      .newItemBuilder(Builder::new, Builder::build)
      .addAttribute(String.class, a -> a.name(ItemLayout.PARTITION_KEY).getter(StateItem::pk)
          .setter((b, v) -> b.pk = v).tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name(ItemLayout.VERSION).getter(StateItem::version)
          .setter((b, v) -> b.version = v))
      .addAttribute(byte[].class, a -> a.name(ItemLayout.VALUE).getter(StateItem::value)
          .setter((b, v) -> b.value = v))
      .addAttribute(Integer.class, a -> a.name(ItemLayout.CHUNKS).getter(StateItem::chunks)
          .setter((b, v) -> b.chunks = v))
      .addAttribute(Long.class, a -> a.name(ItemLayout.EXPIRES).getter(StateItem::expiresAt)
          .setter((b, v) -> b.expiresAt = v))
      .build();

  private StateItemSchema() {}

  /** The attributes of {@code item}. */
  static Map<String, AttributeValue> toAttributes(StateItem item) {
    return SCHEMA.itemToMap(item, true);
  }

  /** The item these attributes hold. */
  static StateItem fromAttributes(Map<String, AttributeValue> attributes) {
    return SCHEMA.mapToItem(attributes);
  }

  /** The key map of the item with partition key {@code pk}. */
  static Map<String, AttributeValue> key(String pk) {
    return Map.of(ItemLayout.PARTITION_KEY, AttributeValue.fromS(pk));
  }

  /** The mutable builder the static schema fills when reading. */
  static final class Builder {
    private String pk;
    private String version;
    private byte[] value;
    private Integer chunks;
    private Long expiresAt;

    StateItem build() {
      return new StateItem(pk, version, value, chunks, expiresAt);
    }
  }
}
