package dev.runnel.checkpointing.sourceid;

import dev.runnel.checkpointing.checkpoint.Backoff;
import dev.runnel.checkpointing.checkpoint.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Id segments in the checkpoint table, beside the checkpoints: one item per segment, partition key {@code pk} =
 * {@code stage|shardId|ids|to}; attributes {@code from} (absent for a shard's first batch), {@code newest} (epoch
 * milliseconds), {@code ids} (binary: per first copy, the 8-byte hash then {@code newest} minus its arrival as a
 * zigzag varint, usually 1 to 3 bytes) and {@code ttl}, when DynamoDB may delete the item. One PutItem per batch:
 * about 10 bytes per first copy plus 100 bytes, so a batch of 100 new ids costs 2 write units.
 */
public final class DynamoDbIdSegmentStore implements IdSegmentStore {
  /** The partition key, as in the checkpoint table. */
  public static final String PK = "pk";
  /** The TTL attribute (epoch seconds): the table's TTL setting names it. */
  public static final String TTL = "ttl";
  private static final String FROM = "from";
  private static final String NEWEST = "newest";
  private static final String IDS = "ids";
  private static final String STAGE = "stage";
  private static final String SHARD_ID = "shardId";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final long keepMillis;
  private final Backoff backoff;
  private final IdSegmentCounters counters = new IdSegmentCounters();

  /**
   * Segments in {@code table}, each kept at least {@code keepMillis} after its newest record arrived: the dedup window
   * plus the time a batch may wait for its attempt (docs/exactly-once.md, "Producer retries").
   */
  public DynamoDbIdSegmentStore(DynamoDbClient dynamoDb, String table, long keepMillis) {
    this(dynamoDb, table, keepMillis, Backoff.DEFAULT);
  }

  /** As above, resending throttled requests as {@code backoff} says. */
  public DynamoDbIdSegmentStore(DynamoDbClient dynamoDb, String table, long keepMillis, Backoff backoff) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.keepMillis = keepMillis;
    this.backoff = backoff;
  }

  /** The item key of a segment: {@code stage|shardId|ids|to}, never a checkpoint's {@code stage|shardId}. */
  public static String itemKey(String stage, String shardId, String to) {
    return Checkpoint.itemKey(stage, shardId) + "|ids|" + to;
  }

  @Override
  public void write(IdSegment segment) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, AttributeValue.fromS(itemKey(segment.stage(), segment.shardId(), segment.to())));
    item.put(STAGE, AttributeValue.fromS(segment.stage()));
    item.put(SHARD_ID, AttributeValue.fromS(segment.shardId()));
    if (segment.from() != null) {
      item.put(FROM, AttributeValue.fromS(segment.from()));
    }
    item.put(NEWEST, AttributeValue.fromN(Long.toString(segment.newestArrival())));
    item.put(IDS, AttributeValue.fromB(SdkBytes.fromByteArray(encode(segment.newestArrival(),
        segment.firstCopies()))));
    item.put(TTL, AttributeValue.fromN(Long.toString((segment.newestArrival() + keepMillis) / 1000 + 1)));
    PutItemRequest request = PutItemRequest.builder().tableName(table).item(item)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
    ConsumedCapacity consumed = withRetries("PutItem", () -> dynamoDb.putItem(request)).consumedCapacity();
    counters.recordWrite(consumed == null || consumed.capacityUnits() == null ? 0 : consumed.capacityUnits());
  }

  @Override
  public Optional<IdSegment> read(String stage, String shardId, String to) {
    GetItemRequest request = GetItemRequest.builder().tableName(table)
        .key(Map.of(PK, AttributeValue.fromS(itemKey(stage, shardId, to)))).consistentRead(true).build();
    GetItemResponse response = withRetries("GetItem", () -> dynamoDb.getItem(request));
    counters.recordRead();
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = response.item();
    try {
      long newest = Long.parseLong(item.get(NEWEST).n());
      AttributeValue from = item.get(FROM);
      return Optional.of(new IdSegment(stage, shardId, to, from == null ? null : from.s(), newest,
          decode(newest, item.get(IDS).b().asByteArray())));
    } catch (RuntimeException e) {
      throw new IllegalStateException("id segment " + itemKey(stage, shardId, to) + " in table " + table
          + " cannot be read (" + e + "); delete the item to rebuild the memory without it", e);
    }
  }

  @Override
  public IdSegmentCounters counters() {
    return counters;
  }

  static byte[] encode(long newest, List<SeenId> ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.size() * 11);
    ByteBuffer hash = ByteBuffer.allocate(8);
    for (SeenId id : ids) {
      hash.clear();
      out.write(hash.putLong(id.hash()).array(), 0, 8);
      long delta = newest - id.arrivalMillis();
      long zigzag = (delta << 1) ^ (delta >> 63);
      while ((zigzag & ~0x7fL) != 0) {
        out.write((int) ((zigzag & 0x7f) | 0x80));
        zigzag >>>= 7;
      }
      out.write((int) zigzag);
    }
    return out.toByteArray();
  }

  static List<SeenId> decode(long newest, byte[] bytes) {
    List<SeenId> ids = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    while (in.hasRemaining()) {
      long hash = in.getLong();
      long zigzag = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = in.get();
        zigzag |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      long delta = (zigzag >>> 1) ^ -(zigzag & 1);
      ids.add(new SeenId(hash, newest - delta));
    }
    return ids;
  }

  private <T> T withRetries(String operation, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (AwsServiceException e) {
        boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
        if (!retryable || attempt >= backoff.maxAttempts()) {
          throw e;
        }
        backoff.pauseBefore(attempt);
      }
    }
  }
}
