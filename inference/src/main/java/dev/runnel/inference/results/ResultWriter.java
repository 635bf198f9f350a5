package dev.runnel.inference.results;

import dev.failsafe.Failsafe;
import dev.runnel.inference.ModelResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Stores results first-writer-wins: TransactWriteItems of up to 100 Puts (and under 4 MB), each on the condition
 * {@code attribute_not_exists(pk)}. When a transaction is cancelled, its reasons say which keys already had a result:
 * those are read back as the winners and the other puts, cancelled only because of them, are sent again, until every
 * key has a result. Throttled and conflicting transactions are retried with backoff.
 */
final class ResultWriter {
  /** The most actions a transaction may hold. */
  static final int PUTS_PER_TRANSACTION = 100;
  /** A transaction's size limit is 4 MB; estimated sizes stay below this. */
  static final long BYTES_PER_TRANSACTION = 3_500_000;
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Duration keep;
  private final Clock clock;
  private final ResultReader reader;

  ResultWriter(DynamoDbClient dynamoDb, String table, Duration keep, Clock clock, ResultReader reader) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.keep = keep;
    this.clock = clock;
    this.reader = reader;
  }

  /** Stores every result whose key has none; returns for every key the result stored now. */
  Map<ResultKey, ModelResult> write(Map<ResultKey, ModelResult> results) {
    Map<ResultKey, ModelResult> stored = new LinkedHashMap<>();
    for (Map<ResultKey, ModelResult> chunk : chunks(results)) {
      writeChunk(chunk, stored);
    }
    return stored;
  }

  /** The results cut into transactions of at most 100 puts and about 3.5 MB. */
  private static List<Map<ResultKey, ModelResult>> chunks(Map<ResultKey, ModelResult> results) {
    List<Map<ResultKey, ModelResult>> chunks = new ArrayList<>();
    Map<ResultKey, ModelResult> chunk = new LinkedHashMap<>();
    long bytes = 0;
    for (Map.Entry<ResultKey, ModelResult> entry : results.entrySet()) {
      ModelResult result = Objects.requireNonNull(entry.getValue(), "result of " + entry.getKey());
      long size = ResultItem.estimatedBytes(entry.getKey(), result);
      if (!chunk.isEmpty() && (chunk.size() == PUTS_PER_TRANSACTION || bytes + size > BYTES_PER_TRANSACTION)) {
        chunks.add(chunk);
        chunk = new LinkedHashMap<>();
        bytes = 0;
      }
      chunk.put(entry.getKey(), result);
      bytes += size;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  /** Stores one chunk, retrying what is left, and adds every key's stored result to {@code stored}. */
  private void writeChunk(Map<ResultKey, ModelResult> chunk, Map<ResultKey, ModelResult> stored) {
    Map<ResultKey, ModelResult> pending = new LinkedHashMap<>(chunk);
    int left = Failsafe.with(TransientFailures.<Integer>retryPolicy(remaining -> remaining > 0))
        .get(() -> attempt(pending, stored));
    if (left > 0) {
      throw new IllegalStateException(left + " results could not be stored in table " + table
          + " after every retry (throttled or conflicting transactions)");
    }
  }

  /**
   * One transaction of the pending puts. Removes from {@code pending} what is settled (written, or found already
   * stored) and adds it to {@code stored}; returns how many puts are still pending.
   */
  private int attempt(Map<ResultKey, ModelResult> pending, Map<ResultKey, ModelResult> stored) {
    List<ResultKey> order = new ArrayList<>(pending.keySet());
    Instant now = clock.instant();
    long expiresAt = now.plus(keep).getEpochSecond();
    List<TransactWriteItem> puts = new ArrayList<>(order.size());
    for (ResultKey key : order) {
      puts.add(TransactWriteItem.builder().put(Put.builder()
          .tableName(table)
          .item(ResultItem.item(key, pending.get(key), now.toEpochMilli(), expiresAt))
          .conditionExpression("attribute_not_exists(" + ResultItem.PK + ")")
          .build()).build());
    }
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(puts));
      stored.putAll(pending);
      pending.clear();
      return 0;
    } catch (TransactionCanceledException e) {
      List<ResultKey> taken = alreadyStored(order, e);
      Map<ResultKey, ModelResult> winners = reader.read(taken);
      stored.putAll(winners);
      winners.keySet().forEach(pending::remove);
      return pending.size();
    }
  }

  /**
   * The keys whose put failed its condition; rethrows {@code e} unless every other put was cancelled for nothing,
   * throttling or a conflict.
   */
  private static List<ResultKey> alreadyStored(List<ResultKey> order, TransactionCanceledException e) {
    if (!e.hasCancellationReasons() || e.cancellationReasons().size() != order.size()) {
      throw e;
    }
    List<ResultKey> taken = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      CancellationReason reason = e.cancellationReasons().get(i);
      String code = reason.code();
      if (CONDITION_FAILED.equals(code)) {
        taken.add(order.get(i));
      } else if (code != null && !code.equals("None") && !TransientFailures.TRANSIENT_REASONS.contains(code)) {
        throw e;
      }
    }
    return taken;
  }
}
