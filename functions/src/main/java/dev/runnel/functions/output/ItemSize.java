package dev.runnel.functions.output;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The size DynamoDB counts for an item, following its documented rules (names + values, 3 bytes per list or map). */
public final class ItemSize {
  private ItemSize() {}

  /** The item's size in bytes. */
  public static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      size += utf8(attribute.getKey()) + of(attribute.getValue());
    }
    return size;
  }

  /** The size of one attribute value. */
  public static long of(AttributeValue value) {
    if (value.s() != null) {
      return utf8(value.s());
    }
    if (value.n() != null) {
      return number(value.n());
    }
    if (value.b() != null) {
      return value.b().asByteArrayUnsafe().length;
    }
    if (value.hasM()) {
      long size = 3;
      for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
        size += 1 + utf8(entry.getKey()) + of(entry.getValue());
      }
      return size;
    }
    if (value.hasL()) {
      long size = 3;
      for (AttributeValue element : value.l()) {
        size += 1 + of(element);
      }
      return size;
    }
    if (value.hasSs()) {
      return value.ss().stream().mapToLong(ItemSize::utf8).sum();
    }
    if (value.hasNs()) {
      return value.ns().stream().mapToLong(ItemSize::number).sum();
    }
    if (value.hasBs()) {
      return value.bs().stream().map(SdkBytes::asByteArrayUnsafe).mapToLong(b -> b.length).sum();
    }
    return 1; // BOOL, NULL
  }

  private static long number(String n) {
    String digits = new BigDecimal(n).unscaledValue().abs().toString().replaceAll("^0+|0+$", "");
    return Math.min(21, (digits.length() + 1) / 2 + 1);
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
