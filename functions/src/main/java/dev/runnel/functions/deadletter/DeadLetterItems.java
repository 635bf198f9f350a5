package dev.runnel.functions.deadletter;

import dev.runnel.functions.batch.ProcessedRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import dev.runnel.plan.TableSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds the dead-letter item of a failed record: keyed by {@code "<stage>/<shard>"} and sequence number, with the
 * payload (truncated beyond {@link #MAX_PAYLOAD_BYTES}, or less when the rest of the item is large), the error,
 * where it happened, and when DynamoDB's TTL deletes it. Every text is bounded so that the item always fits
 * DynamoDB's 400 KB and key limits.
 *
 * @param context        the job and stage
 * @param partitionKey   the table's partition key attribute ({@code source})
 * @param sortKey        the table's sort key attribute ({@code position})
 * @param ttlAttribute   the table's TTL attribute ({@code expiresAt}): {@code failedAt} plus {@code ttlSeconds}, in
 *                       epoch seconds
 * @param ttlSeconds     how long a dead letter is kept, positive
 * @param clock          the clock for {@code failedAt}
 */
public record DeadLetterItems(FailureContext context, String partitionKey, String sortKey, String ttlAttribute,
    long ttlSeconds, Clock clock) {
  /** Payload bytes kept in a dead letter; the rest is cut off so the item stays under DynamoDB's 400 KB. */
  public static final int MAX_PAYLOAD_BYTES = 350 * 1024;
  /** DynamoDB's item size limit, attribute names included. */
  static final int ITEM_BYTES = 400 * 1024;
  /** DynamoDB's limits on partition and sort key values. */
  private static final int MAX_PARTITION_KEY_BYTES = 2048;
  private static final int MAX_SORT_KEY_BYTES = 1024;
  /** Bounds of the error text and of every other text attribute. */
  static final int MAX_ERROR_BYTES = 32 * 1024;
  static final int MAX_TEXT_BYTES = 1024;

  public DeadLetterItems {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(sortKey, "sortKey");
    Objects.requireNonNull(ttlAttribute, "ttlAttribute");
    Objects.requireNonNull(clock, "clock");
    if (ttlSeconds <= 0) {
      throw new IllegalArgumentException("dead letters must be kept for a positive time");
    }
  }

  /** The items of the plan's dead-letter {@code table} for the stage of {@code context}. */
  public static DeadLetterItems of(FailureContext context, TableSpec table, Clock clock) {
    return new DeadLetterItems(context, table.partitionKey(), table.sortKey() != null ? table.sortKey() : "position",
        table.ttlAttribute(), table.ttlSeconds(), clock);
  }

  /** The table's key attributes, partition key first. */
  public List<String> keyAttributes() {
    return List.of(partitionKey, sortKey);
  }

  /** The item for {@code record}, which must have failed; always within DynamoDB's key and item size limits. */
  public Map<String, AttributeValue> item(ProcessedRecord record) {
    RecordFailure failure = Objects.requireNonNull(record.failure(), "record did not fail");
    var input = record.input();
    String shard = bounded(input.shardId(), MAX_TEXT_BYTES);
    String sequenceNumber = key(input.sequenceNumber(), MAX_SORT_KEY_BYTES);
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    String source = key(context.stage() + "/" + input.shardId(), MAX_PARTITION_KEY_BYTES);
    item.put(partitionKey, AttributeValue.fromS(source));
    item.put(sortKey, AttributeValue.fromS(sequenceNumber));
    item.put("job", AttributeValue.fromS(bounded(context.job(), MAX_TEXT_BYTES)));
    item.put("stage", AttributeValue.fromS(bounded(context.stage(), MAX_TEXT_BYTES)));
    item.put("shard", AttributeValue.fromS(shard));
    item.put("sequenceNumber", AttributeValue.fromS(sequenceNumber));
    if (input.partitionKey() != null && !input.partitionKey().isEmpty()) {
      item.put("partitionKey", AttributeValue.fromS(bounded(input.partitionKey(), MAX_TEXT_BYTES)));
    }
    byte[] payload = input.data();
    item.put("payloadBytes", AttributeValue.fromN(Integer.toString(payload.length)));
    item.put("error", AttributeValue.fromS(bounded(failure.error(), MAX_ERROR_BYTES)));
    item.put("errorType", AttributeValue.fromS(failure.type().label()));
    if (failure.operator() != null) {
      item.put("operator", AttributeValue.fromS(bounded(failure.operator(), MAX_TEXT_BYTES)));
    }
    Instant now = clock.instant();
    item.put("failedAt", AttributeValue.fromS(now.toString()));
    item.put(ttlAttribute, AttributeValue.fromN(Long.toString(now.getEpochSecond() + ttlSeconds)));
    // What is left of the item limit goes to the payload (names of the last two attributes and their values
    // included): the rest of the item is bounded above, so the budget stays near MAX_PAYLOAD_BYTES.
    long rest = sizeOf(item) + utf8("payload") + utf8("payloadTruncated") + 1;
    int kept = (int) Math.max(0, Math.min(payload.length, Math.min(MAX_PAYLOAD_BYTES, ITEM_BYTES - rest)));
    boolean truncated = kept < payload.length;
    item.put("payload", AttributeValue.fromB(SdkBytes.fromByteArray(
        truncated ? Arrays.copyOf(payload, kept) : payload)));
    item.put("payloadTruncated", AttributeValue.fromBool(truncated));
    return item;
  }

  /** {@code text} if it has at most {@code maxBytes} UTF-8 bytes, else a prefix that has, marked as cut. */
  static String bounded(String text, int maxBytes) {
    if (utf8(text) <= maxBytes) {
      return text;
    }
    String marker = "... (truncated)";
    return prefix(text, maxBytes - marker.length()) + marker;
  }

  /** A key value within {@code maxBytes}: itself, or a prefix and a hash of the whole, so keys stay distinct. */
  private static String key(String text, int maxBytes) {
    if (utf8(text) <= maxBytes) {
      return text;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      String suffix = "#" + HexFormat.of().formatHex(hash);
      return prefix(text, maxBytes - suffix.length()) + suffix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The longest prefix of {@code text} with at most {@code maxBytes} UTF-8 bytes, never splitting a character. */
  private static String prefix(String text, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int codePoint = text.codePointAt(end);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(codePoint);
    }
    return text.substring(0, end);
  }

  /** The size DynamoDB counts for the item built so far: strings, numbers (at most 21 bytes) and flags. */
  private static long sizeOf(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      AttributeValue value = attribute.getValue();
      size += utf8(attribute.getKey()) + (value.s() != null ? utf8(value.s()) : value.n() != null ? 21 : 1);
    }
    return size;
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
