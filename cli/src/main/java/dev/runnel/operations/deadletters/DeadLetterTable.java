package dev.runnel.operations.deadletters;

import dev.runnel.operations.target.JobTarget;
import dev.runnel.plan.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Reads a job's dead-letter table ({@code <job>-dead-letters}) and keeps the marks of replays on its items. Listing
 * scans the table (consistent reads), leaving out items past {@code expiresAt} that DynamoDB's TTL has not deleted
 * yet; a replay's marks are conditional updates of the item, so that only one replay claims it.
 */
public final class DeadLetterTable {
  static final String CLAIM = "replayClaim";
  static final String CLAIMED_AT = "replayClaimedAt";
  static final String REPLAYED_AT = "replayedAt";
  static final String REPLAYED_AS = "replayedAs";
  static final String REPLAY_SEQUENCE_NUMBER = "replaySequenceNumber";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final String partitionKey;
  private final String sortKey;

  private DeadLetterTable(DynamoDbClient dynamoDb, String table, String partitionKey, String sortKey) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.partitionKey = partitionKey;
    this.sortKey = sortKey;
  }

  /** The dead-letter table of the target's job. */
  public static DeadLetterTable of(JobTarget target) {
    TableSpec spec = target.plan().deadLetterTable();
    return new DeadLetterTable(target.dynamoDb(), target.names().table(spec.name()), spec.partitionKey(),
        spec.sortKey() == null ? "position" : spec.sortKey());
  }

  /** The table's physical name. */
  public String name() {
    return table;
  }

  /**
   * Every dead letter not yet expired, of {@code stage} only unless it is null, by stage, shard and position.
   */
  public List<DeadLetterEntry> list(String stage) {
    long now = Instant.now().getEpochSecond();
    List<DeadLetterEntry> entries = new ArrayList<>();
    dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> {
      DeadLetterEntry entry = entry(item);
      if ((stage == null || entry.id().stage().equals(stage)) && (entry.expiresAt() == 0 || entry.expiresAt() > now)) {
        entries.add(entry);
      }
    });
    entries.sort(Comparator.comparing((DeadLetterEntry e) -> e.id().stage()).thenComparing(e -> e.id().shard())
        .thenComparing(e -> e.id().position().length()).thenComparing(e -> e.id().position()));
    return entries;
  }

  /** The number of dead letters not yet expired per stage (stages without any absent). */
  public Map<String, Long> countPerStage() {
    Map<String, Long> counts = new HashMap<>();
    for (DeadLetterEntry entry : list(null)) {
      counts.merge(entry.id().stage(), 1L, Long::sum);
    }
    return counts;
  }

  /** The dead letter {@code id} (read consistently), or empty. */
  public Optional<DeadLetterEntry> get(DeadLetterId id) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(id)).consistentRead(true))
        .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(item));
  }

  /**
   * Claims {@code id} for the replay {@code token}: true if no replay claimed it before (conditional update), false
   * if one did or the item is gone.
   */
  boolean claim(DeadLetterId id, String token, Instant now) {
    try {
      dynamoDb.updateItem(b -> b.tableName(table).key(key(id))
          .updateExpression("SET #claim = :token, #claimedAt = :now")
          .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#claim)")
          .expressionAttributeNames(Map.of("#claim", CLAIM, "#claimedAt", CLAIMED_AT, "#pk", partitionKey))
          .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(token),
              ":now", AttributeValue.fromS(now.toString()))));
      return true;
    } catch (ConditionalCheckFailedException claimedBefore) {
      return false;
    }
  }

  /** Records that the replay {@code token} of {@code id} was acknowledged as {@code sequenceNumber}. */
  void confirm(DeadLetterId id, String token, String partitionKeyPut, String sequenceNumber, Instant now) {
    dynamoDb.updateItem(b -> b.tableName(table).key(key(id))
        .updateExpression("SET #at = :now, #as = :as, #seq = :seq")
        .conditionExpression("#claim = :token")
        .expressionAttributeNames(Map.of("#at", REPLAYED_AT, "#as", REPLAYED_AS, "#seq", REPLAY_SEQUENCE_NUMBER,
            "#claim", CLAIM))
        .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(now.toString()),
            ":as", AttributeValue.fromS(partitionKeyPut), ":seq", AttributeValue.fromS(sequenceNumber),
            ":token", AttributeValue.fromS(token))));
  }

  /** Takes back the claim {@code token} on {@code id}, after its put failed: the dead letter can be replayed again. */
  void release(DeadLetterId id, String token) {
    try {
      dynamoDb.updateItem(b -> b.tableName(table).key(key(id))
          .updateExpression("REMOVE #claim, #claimedAt")
          .conditionExpression("#claim = :token")
          .expressionAttributeNames(Map.of("#claim", CLAIM, "#claimedAt", CLAIMED_AT))
          .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(token))));
    } catch (ConditionalCheckFailedException notOurs) {
      // another replay's claim, or none: nothing of ours to take back
    }
  }

  private Map<String, AttributeValue> key(DeadLetterId id) {
    return Map.of(partitionKey, AttributeValue.fromS(id.source()), sortKey, AttributeValue.fromS(id.position()));
  }

  private DeadLetterEntry entry(Map<String, AttributeValue> item) {
    String source = text(item, partitionKey);
    String position = text(item, sortKey);
    String stage = text(item, "stage");
    String shard = text(item, "shard");
    if (stage == null || shard == null) {
      int slash = source.indexOf('/');
      stage = slash < 0 ? source : source.substring(0, slash);
      shard = slash < 0 ? "" : source.substring(slash + 1);
    }
    AttributeValue payload = item.get("payload");
    byte[] bytes = payload == null ? new byte[0]
        : payload.b() != null ? payload.b().asByteArray() : payload.s() != null ? payload.s().getBytes(
            java.nio.charset.StandardCharsets.UTF_8) : new byte[0];
    ReplayMark replay = item.containsKey(CLAIM) ? new ReplayMark(text(item, CLAIM), text(item, CLAIMED_AT),
        text(item, REPLAYED_AT), text(item, REPLAYED_AS), text(item, REPLAY_SEQUENCE_NUMBER)) : null;
    return new DeadLetterEntry(new DeadLetterId(stage, shard, position), text(item, "errorType"),
        text(item, "operator"), text(item, "failedAt"), number(item, "expiresAt"), text(item, "error"),
        text(item, "partitionKey"), bytes, item.containsKey("payloadBytes") ? number(item, "payloadBytes")
        : bytes.length, item.containsKey("payloadTruncated") && Boolean.TRUE.equals(item.get("payloadTruncated").bool()),
        replay);
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
