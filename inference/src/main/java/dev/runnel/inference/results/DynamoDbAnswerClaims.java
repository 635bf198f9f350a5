package dev.runnel.inference.results;

import dev.failsafe.Failsafe;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Claims kept in the inference-results table beside the answers: item ({@code pk}, {@code sk + "#asking"}) with its
 * claimant and the end of its lease. Claims are written in transactions of up to 100 conditional puts (absent,
 * expired, or the claimant's own); a cancelled transaction's reasons say which keys another claimant holds, and the
 * rest are sent again. Releases are conditional deletes, batched the same way.
 */
public final class DynamoDbAnswerClaims implements AnswerClaims {
  /** The sort-key suffix of a claim item. */
  public static final String SUFFIX = "#asking";
  private static final int ITEMS_PER_TRANSACTION = 100;
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();

  /** Claims in {@code table} (the inference-results table) on behalf of one function instance. */
  public DynamoDbAnswerClaims(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public Set<ResultKey> claim(Collection<ResultKey> keys, long untilMillis) {
    long now = clock.millis();
    Map<String, AttributeValue> values = Map.of(":now", AttributeValue.fromN(Long.toString(now)),
        ":owner", AttributeValue.fromS(owner));
    return settle(keys, key -> TransactWriteItem.builder().put(Put.builder().tableName(table)
        .item(Map.of(
            ResultItem.PK, AttributeValue.fromS(key.pk()),
            "sk", AttributeValue.fromS(key.sk() + SUFFIX),
            "owner", AttributeValue.fromS(owner),
            "until", AttributeValue.fromN(Long.toString(untilMillis)),
            "expiresAt", AttributeValue.fromN(Long.toString(untilMillis / 1000 + 86_400))))
        .conditionExpression("attribute_not_exists(" + ResultItem.PK + ") OR #until < :now OR #owner = :owner")
        .expressionAttributeNames(Map.of("#until", "until", "#owner", "owner"))
        .expressionAttributeValues(values).build()).build());
  }

  @Override
  public void release(Collection<ResultKey> keys) {
    settle(keys, key -> TransactWriteItem.builder().delete(Delete.builder().tableName(table)
        .key(Map.of(ResultItem.PK, AttributeValue.fromS(key.pk()), "sk", AttributeValue.fromS(key.sk() + SUFFIX)))
        .conditionExpression("#owner = :owner")
        .expressionAttributeNames(Map.of("#owner", "owner"))
        .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner))).build()).build());
  }

  /**
   * Writes one conditional action per key, in transactions; returns the keys whose condition held. A key whose
   * condition failed is dropped; the others of a cancelled transaction are sent again.
   */
  private Set<ResultKey> settle(Collection<ResultKey> keys, Function<ResultKey, TransactWriteItem> action) {
    Set<ResultKey> done = new LinkedHashSet<>();
    List<ResultKey> all = new ArrayList<>(new LinkedHashSet<>(keys));
    for (int from = 0; from < all.size(); from += ITEMS_PER_TRANSACTION) {
      List<ResultKey> pending = new ArrayList<>(all.subList(from, Math.min(all.size(), from + ITEMS_PER_TRANSACTION)));
      int left = Failsafe.with(TransientFailures.<Integer>retryPolicy(remaining -> remaining > 0))
          .get(() -> attempt(pending, action, done));
      if (left > 0) {
        throw new IllegalStateException(left + " claims could not be written in table " + table
            + " after every retry (throttled or conflicting transactions)");
      }
    }
    return done;
  }

  /** One transaction of the pending actions; settles what it can and returns how many are still pending. */
  private int attempt(List<ResultKey> pending, Function<ResultKey, TransactWriteItem> action, Set<ResultKey> done) {
    if (pending.isEmpty()) {
      return 0;
    }
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(pending.stream().map(action).toList()));
      done.addAll(pending);
      pending.clear();
      return 0;
    } catch (TransactionCanceledException e) {
      if (!e.hasCancellationReasons() || e.cancellationReasons().size() != pending.size()) {
        throw e;
      }
      List<ResultKey> failed = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        CancellationReason reason = e.cancellationReasons().get(i);
        String code = reason.code();
        if (CONDITION_FAILED.equals(code)) {
          failed.add(pending.get(i));
        } else if (code != null && !code.equals("None") && !TransientFailures.TRANSIENT_REASONS.contains(code)) {
          throw e;
        }
      }
      pending.removeAll(failed);
      return pending.size();
    }
  }
}
