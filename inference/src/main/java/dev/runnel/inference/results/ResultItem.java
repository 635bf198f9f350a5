package dev.runnel.inference.results;

import dev.runnel.inference.ModelResult;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item layout of the inference-results table: keys {@code pk}, {@code sk}; {@code answer} (S) or {@code vector}
 * (B, see {@link VectorBytes}), {@code error} (S), {@code inputTokens}, {@code outputTokens}, {@code attempts},
 * {@code latencyMillis}, {@code storedAt} (N, epoch milliseconds) and the TTL attribute {@code expiresAt} (N, epoch
 * seconds).
 */
final class ResultItem {
  static final String PK = "pk";
  static final String SK = "sk";
  static final String ANSWER = "answer";
  static final String VECTOR = "vector";
  static final String ERROR = "error";
  static final String INPUT_TOKENS = "inputTokens";
  static final String OUTPUT_TOKENS = "outputTokens";
  static final String ATTEMPTS = "attempts";
  static final String LATENCY_MILLIS = "latencyMillis";
  static final String STORED_AT = "storedAt";
  static final String EXPIRES_AT = "expiresAt";

  /** Room for attribute names, numbers and keys on top of the answer, vector and error, in bytes. */
  private static final int OVERHEAD_BYTES = 256;

  private ResultItem() {}

  /** The primary key of {@code key}. */
  static Map<String, AttributeValue> key(ResultKey key) {
    return Map.of(PK, AttributeValue.fromS(key.pk()), SK, AttributeValue.fromS(key.sk()));
  }

  /** The key an item is stored under. */
  static ResultKey keyOf(Map<String, AttributeValue> item) {
    return new ResultKey(item.get(PK).s(), item.get(SK).s());
  }

  /** The item storing {@code result} under {@code key}, written at {@code storedAt} and expiring at {@code expiresAt}. */
  static Map<String, AttributeValue> item(ResultKey key, ModelResult result, long storedAt, long expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(key(key));
    if (result.answer() != null) {
      item.put(ANSWER, AttributeValue.fromS(result.answer()));
    }
    if (result.vector() != null) {
      item.put(VECTOR, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(VectorBytes.encode(result.vector()))));
    }
    if (result.error() != null) {
      item.put(ERROR, AttributeValue.fromS(result.error()));
    }
    item.put(INPUT_TOKENS, number(result.inputTokens()));
    item.put(OUTPUT_TOKENS, number(result.outputTokens()));
    item.put(ATTEMPTS, number(result.attempts()));
    item.put(LATENCY_MILLIS, number(result.latencyMillis()));
    item.put(STORED_AT, number(storedAt));
    item.put(EXPIRES_AT, number(expiresAt));
    return item;
  }

  /** The result an item holds. */
  static ModelResult result(Map<String, AttributeValue> item) {
    AttributeValue vector = item.get(VECTOR);
    return new ModelResult(
        text(item, ANSWER),
        vector == null ? null : VectorBytes.decode(vector.b().asByteArray()),
        text(item, ERROR),
        (int) number(item, INPUT_TOKENS),
        (int) number(item, OUTPUT_TOKENS),
        (int) number(item, ATTEMPTS),
        number(item, LATENCY_MILLIS));
  }

  /** An upper bound of the item's size in bytes, for keeping a transaction under 4 MB. */
  static long estimatedBytes(ResultKey key, ModelResult result) {
    long bytes = OVERHEAD_BYTES + 3L * (key.pk().length() + key.sk().length());
    if (result.answer() != null) {
      bytes += 3L * result.answer().length();
    }
    if (result.error() != null) {
      bytes += 3L * result.error().length();
    }
    if (result.vector() != null) {
      bytes += (long) Float.BYTES * result.vector().length;
    }
    return bytes;
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }
}
