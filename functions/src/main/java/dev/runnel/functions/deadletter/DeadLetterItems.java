package dev.runnel.functions.deadletter;

import dev.runnel.functions.batch.ProcessedRecord;
import dev.runnel.plan.TableSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds the dead-letter item of a failed record: keyed by {@code "<stage>/<shard>"} and sequence number, with the
 * payload (truncated beyond {@link #MAX_PAYLOAD_BYTES}), the error, where it happened, and when DynamoDB's TTL
 * deletes it.
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

  /** The item for {@code record}, which must have failed. */
  public Map<String, AttributeValue> item(ProcessedRecord record) {
    RecordFailure failure = Objects.requireNonNull(record.failure(), "record did not fail");
    var input = record.input();
    byte[] payload = input.data();
    boolean truncated = payload.length > MAX_PAYLOAD_BYTES;
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(partitionKey, AttributeValue.fromS(context.stage() + "/" + input.shardId()));
    item.put(sortKey, AttributeValue.fromS(input.sequenceNumber()));
    item.put("job", AttributeValue.fromS(context.job()));
    item.put("stage", AttributeValue.fromS(context.stage()));
    item.put("shard", AttributeValue.fromS(input.shardId()));
    item.put("sequenceNumber", AttributeValue.fromS(input.sequenceNumber()));
    if (input.partitionKey() != null && !input.partitionKey().isEmpty()) {
      item.put("partitionKey", AttributeValue.fromS(input.partitionKey()));
    }
    item.put("payload", AttributeValue.fromB(SdkBytes.fromByteArray(
        truncated ? Arrays.copyOf(payload, MAX_PAYLOAD_BYTES) : payload)));
    item.put("payloadBytes", AttributeValue.fromN(Integer.toString(payload.length)));
    item.put("payloadTruncated", AttributeValue.fromBool(truncated));
    item.put("error", AttributeValue.fromS(failure.error()));
    item.put("errorType", AttributeValue.fromS(failure.type().label()));
    if (failure.operator() != null) {
      item.put("operator", AttributeValue.fromS(failure.operator()));
    }
    Instant now = clock.instant();
    item.put("failedAt", AttributeValue.fromS(now.toString()));
    item.put(ttlAttribute, AttributeValue.fromN(Long.toString(now.getEpochSecond() + ttlSeconds)));
    return item;
  }
}
