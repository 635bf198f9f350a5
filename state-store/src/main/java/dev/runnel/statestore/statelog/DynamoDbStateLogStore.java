package dev.runnel.statestore.statelog;

import dev.runnel.statestore.dynamodb.Backoff;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The {@link StateLogStore} on one DynamoDB table ({@link StateLogTable}): one item per part, keyed as
 * {@link StateLogKeys} says.
 *
 * <ul>
 *   <li>{@link #write}: BatchWriteItem puts, 25 items per call (25 parts of at most {@link #MAX_PART_BYTES} stay far
 *       under the 16 MB request limit); unprocessed items, and only those, are resent after a {@link Backoff} pause.</li>
 *   <li>{@link #read}: consistent Queries, one per kind, over the sort-key span of the named items (for a single named
 *       item, exactly its parts), all pages; unnamed items in the span (attempts that never committed) are skipped.
 *       A Query rather than BatchGetItem because the named items are nearly all of the span's items, and a Query
 *       bills their summed size per 4 KB in up to 1 MB per call where BatchGetItem bills every item rounded up to
 *       4 KB, 100 items per call: a log of 32 small entries costs a few read units instead of 32.</li>
 *   <li>{@link #collect}: eventually consistent Queries of sort keys only, per kind, up to {@code upTo}'s revision
 *       (an item such a read misses is garbage the next collect finds), then BatchWriteItem deletes.</li>
 * </ul>
 * Throttled and failed calls are retried by the client's retry strategy, not here; the counters count every attempt
 * the SDK sent (from the call's metrics) and the capacity DynamoDB reported ({@code ReturnConsumedCapacity.TOTAL}).
 */
public final class DynamoDbStateLogStore implements StateLogStore {
  /** Items per BatchWriteItem call (DynamoDB's limit). */
  static final int WRITES_PER_CALL = 25;

  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStateLogStore.class);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Backoff backoff;
  private final Integer pageSize;
  private final StateLogMeter meter = new StateLogMeter();

  /** A store on {@code table} ({@code <job>-state-log}), resending unprocessed items with {@link Backoff#DEFAULT}. */
  public DynamoDbStateLogStore(DynamoDbClient dynamoDb, String table) {
    this(dynamoDb, table, Backoff.DEFAULT);
  }

  /** A store on {@code table}, resending unprocessed items as {@code backoff} says. */
  public DynamoDbStateLogStore(DynamoDbClient dynamoDb, String table, Backoff backoff) {
    this(dynamoDb, table, backoff, null);
  }

  /** As above, reading at most {@code pageSize} items per Query page (null: DynamoDB's 1 MB pages), for tests. */
  DynamoDbStateLogStore(DynamoDbClient dynamoDb, String table, Backoff backoff, Integer pageSize) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.table = Objects.requireNonNull(table, "table");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.pageSize = pageSize;
  }

  @Override
  public void write(String stage, String shard, LogItems items, List<byte[]> parts) {
    String pk = StateLogKeys.partitionKey(stage, shard);
    if (parts.size() != items.parts()) {
      throw new IllegalArgumentException("state log items " + StateLogKeys.itemsPrefix(items) + " of stage " + stage
          + " shard " + shard + " have " + items.parts() + " parts, but " + parts.size() + " were given");
    }
    List<WriteRequest> puts = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      byte[] part = Objects.requireNonNull(parts.get(i), "part");
      if (part.length > MAX_PART_BYTES) {
        throw new IllegalArgumentException("part " + i + " of state log items " + StateLogKeys.itemsPrefix(items)
            + " of stage " + stage + " shard " + shard + " has " + part.length + " bytes, more than "
            + MAX_PART_BYTES + ": split it into more parts");
      }
      puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
          StateLogTable.PK, AttributeValue.fromS(pk),
          StateLogTable.SK, AttributeValue.fromS(StateLogKeys.sortKey(items, i)),
          StateLogTable.VALUE, AttributeValue.fromB(SdkBytes.fromByteArray(part)))).build()).build());
    }
    writeAll(stage, shard, puts);
    meter.itemsWritten(puts.size());
  }

  @Override
  public List<byte[]> read(String stage, String shard, List<LogItems> named) {
    String pk = StateLogKeys.partitionKey(stage, shard);
    Map<String, byte[]> found = new HashMap<>();
    for (LogItems.Kind kind : LogItems.Kind.values()) {
      List<LogItems> ofKind = named.stream().filter(items -> items.kind() == kind).toList();
      if (ofKind.isEmpty()) {
        continue;
      }
      String from;
      String to;
      if (ofKind.stream().distinct().count() == 1) {
        from = StateLogKeys.itemsPrefix(ofKind.get(0));
        to = StateLogKeys.upperBound(from);
      } else {
        long first = ofKind.stream().mapToLong(LogItems::revision).min().orElseThrow();
        long last = ofKind.stream().mapToLong(LogItems::revision).max().orElseThrow();
        from = StateLogKeys.revisionPrefix(kind, first);
        to = StateLogKeys.upperBound(StateLogKeys.revisionPrefix(kind, last));
      }
      query(pk, from, to, true, false, item -> {
        String sk = item.get(StateLogTable.SK).s();
        StateLogKeys.Part part = StateLogKeys.parse(sk);
        if (ofKind.stream().anyMatch(part::namedBy)) {
          found.put(sk, item.get(StateLogTable.VALUE).b().asByteArray());
        }
      });
    }
    List<byte[]> parts = new ArrayList<>();
    for (LogItems items : named) {
      for (int i = 0; i < items.parts(); i++) {
        String sk = StateLogKeys.sortKey(items, i);
        byte[] part = found.get(sk);
        if (part == null) {
          throw new IllegalStateException("state log item " + sk + " of stage " + stage + " shard " + shard
              + " is missing from table " + table + ", though the checkpoint names it: the shard's state cannot be"
              + " read. Was the table recreated or its items deleted by hand? Restore the table, or start the stage"
              + " afresh");
        }
        parts.add(part);
      }
    }
    return parts;
  }

  @Override
  public int collect(String stage, String shard, long upTo, Collection<LogItems> named) {
    String pk = StateLogKeys.partitionKey(stage, shard);
    List<WriteRequest> deletes = new ArrayList<>();
    for (LogItems.Kind kind : LogItems.Kind.values()) {
      String from = StateLogKeys.kindPrefix(kind);
      String to = StateLogKeys.upperBound(StateLogKeys.revisionPrefix(kind, upTo));
      query(pk, from, to, false, true, item -> {
        String sk = item.get(StateLogTable.SK).s();
        StateLogKeys.Part part = StateLogKeys.parse(sk);
        if (part.revision() <= upTo && named.stream().noneMatch(part::namedBy)) {
          deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
              StateLogTable.PK, AttributeValue.fromS(pk), StateLogTable.SK, AttributeValue.fromS(sk))).build())
              .build());
        }
      });
    }
    writeAll(stage, shard, deletes);
    meter.itemsDeleted(deletes.size());
    return deletes.size();
  }

  @Override
  public StateLogCounters counters() {
    return meter.snapshot();
  }

  /** Sends {@code writes} in calls of at most 25, each call's unprocessed items resent until none is left. */
  private void writeAll(String stage, String shard, List<WriteRequest> writes) {
    for (int from = 0; from < writes.size(); from += WRITES_PER_CALL) {
      writeCall(stage, shard, writes.subList(from, Math.min(writes.size(), from + WRITES_PER_CALL)));
    }
  }

  private void writeCall(String stage, String shard, List<WriteRequest> writes) {
    List<WriteRequest> pending = writes;
    for (int call = 1; ; call++) {
      SentAttempts attempts = new SentAttempts();
      BatchWriteItemRequest request = BatchWriteItemRequest.builder()
          .requestItems(Map.of(table, pending))
          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
          .overrideConfiguration(o -> o.addMetricPublisher(attempts))
          .build();
      BatchWriteItemResponse response;
      try {
        response = dynamoDb.batchWriteItem(request);
      } finally {
        meter.batchWriteItems(attempts.count());
      }
      meter.writeUnits(units(response.consumedCapacity()));
      List<WriteRequest> unprocessed = response.hasUnprocessedItems()
          ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
      if (unprocessed.isEmpty()) {
        return;
      }
      if (call >= backoff.maxAttempts()) {
        throw new IllegalStateException(unprocessed.size() + " state log items of stage " + stage + " shard "
            + shard + " (first: " + sortKey(unprocessed.get(0)) + ") were still unprocessed by table " + table
            + " after " + call + " BatchWriteItem calls: DynamoDB is throttling the table; give it more capacity"
            + " (on-demand tables adapt within minutes), and Lambda retries the batch");
      }
      LOG.debug("BatchWriteItem on {} left {} of {} items unprocessed (call {}), will resend", table,
          unprocessed.size(), pending.size(), call);
      backoff.pauseBefore(call);
      pending = unprocessed;
    }
  }

  /** Queries {@code sk} between {@code from} and {@code to} on {@code pk}, every page, each item to {@code sink}. */
  private void query(String pk, String from, String to, boolean consistent, boolean keysOnly,
      Consumer<Map<String, AttributeValue>> sink) {
    Map<String, AttributeValue> start = null;
    do {
      SentAttempts attempts = new SentAttempts();
      QueryRequest.Builder request = QueryRequest.builder()
          .tableName(table)
          .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
          .expressionAttributeNames(Map.of("#pk", StateLogTable.PK, "#sk", StateLogTable.SK))
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":from", AttributeValue.fromS(from),
              ":to", AttributeValue.fromS(to)))
          .consistentRead(consistent)
          .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
          .limit(pageSize)
          .overrideConfiguration(o -> o.addMetricPublisher(attempts));
      if (keysOnly) {
        request.projectionExpression("#sk");
      }
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      QueryResponse response;
      try {
        response = dynamoDb.query(request.build());
      } finally {
        meter.queries(attempts.count());
      }
      meter.readUnits(units(response.consumedCapacity()));
      meter.itemsRead(response.items().size());
      response.items().forEach(sink);
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
          ? response.lastEvaluatedKey() : null;
    } while (start != null);
  }

  private static String sortKey(WriteRequest write) {
    Map<String, AttributeValue> key = write.putRequest() != null ? write.putRequest().item()
        : write.deleteRequest().key();
    return key.get(StateLogTable.SK).s();
  }

  private static double units(List<ConsumedCapacity> consumed) {
    double sum = 0;
    for (ConsumedCapacity capacity : consumed) {
      sum += capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }
    return sum;
  }

  private static double units(ConsumedCapacity consumed) {
    return consumed == null || consumed.capacityUnits() == null ? 0 : consumed.capacityUnits();
  }
}
