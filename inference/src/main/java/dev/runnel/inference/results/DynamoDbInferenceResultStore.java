package dev.runnel.inference.results;

import dev.runnel.inference.ModelResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The {@link InferenceResultStore} on a DynamoDB table of role {@code inference-results} (keys {@code pk}, {@code sk};
 * TTL attribute {@code expiresAt}; item layout in {@code ResultItem}). Reads are strongly consistent BatchGetItems;
 * writes are conditional TransactWriteItems, first writer wins (see {@code ResultWriter}). The client is the caller's,
 * with the SDK retry strategy the caller configured; what that does not retry is retried here with Failsafe.
 */
public final class DynamoDbInferenceResultStore implements InferenceResultStore {
  private final ResultReader reader;
  private final ResultWriter writer;

  /**
   * A store on {@code table}; each result is kept for {@code keep} after it is stored (its {@code expiresAt} is then,
   * by {@code clock}), after which DynamoDB's TTL removes it.
   */
  public DynamoDbInferenceResultStore(DynamoDbClient dynamoDb, String table, Duration keep, Clock clock) {
    Objects.requireNonNull(dynamoDb, "dynamoDb");
    Objects.requireNonNull(table, "table");
    if (keep.isNegative() || keep.isZero()) {
      throw new IllegalArgumentException("results must be kept for a positive duration, not " + keep);
    }
    this.reader = new ResultReader(dynamoDb, table);
    this.writer = new ResultWriter(dynamoDb, table, keep, Objects.requireNonNull(clock, "clock"), reader);
  }

  @Override
  public Map<ResultKey, ModelResult> getAll(Collection<ResultKey> keys) {
    return reader.read(keys);
  }

  @Override
  public Map<ResultKey, ModelResult> putIfAbsent(Map<ResultKey, ModelResult> results) {
    return writer.write(results);
  }
}
