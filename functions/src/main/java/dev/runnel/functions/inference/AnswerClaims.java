package dev.runnel.functions.inference;

import dev.runnel.inference.results.ResultKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Claims on the prompts an attempt is about to ask, so that two attempts at the same records running at once (a
 * timed-out "zombie" invocation next to its retry, or two instances after a re-split) never both call the model for
 * one prompt: the stored answer alone cannot prevent that, as both attempts find it missing before either has it.
 * An attempt asks only the prompts it claimed; it waits for the others to be answered by their claimant, and takes
 * over a claim once its lease ran out (its claimant died without answering).
 */
interface AnswerClaims {
  /** No claims: every prompt is the caller's to ask (a single attempt at a time, as with an in-memory store). */
  AnswerClaims NONE = new AnswerClaims() {
    @Override
    public Set<ResultKey> claim(Collection<ResultKey> keys) {
      return new LinkedHashSet<>(keys);
    }

    @Override
    public void release(Collection<ResultKey> keys) {
    }
  };

  /** Claims what it can of {@code keys} for this attempt; returns the keys claimed (a live claimant holds the rest). */
  Set<ResultKey> claim(Collection<ResultKey> keys);

  /** Gives up this attempt's claims on {@code keys} (asked without an answer stored), so others need not wait. */
  void release(Collection<ResultKey> keys);

  /**
   * Claims kept in the inference-results table next to the answers: item {@code pk}, {@code sk + "#asking"} with the
   * claimant and the end of its lease, written with a condition (absent, expired, or the claimant's own). One
   * conditional PutItem per prompt asked; throttled requests are retried.
   */
  final class InTable implements AnswerClaims {
    static final String SUFFIX = "#asking";
    private static final int ATTEMPTS = 10;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration lease;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();

    /** Claims in {@code table}, each held for {@code lease} (longer than all attempts at one prompt take). */
    InTable(DynamoDbClient dynamoDb, String table, Duration lease, Clock clock) {
      this.dynamoDb = dynamoDb;
      this.table = table;
      this.lease = lease;
      this.clock = clock;
    }

    @Override
    public Set<ResultKey> claim(Collection<ResultKey> keys) {
      Set<ResultKey> claimed = new LinkedHashSet<>();
      for (ResultKey key : keys) {
        long now = clock.millis();
        boolean mine = retried(() -> {
          try {
            dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                    "pk", AttributeValue.fromS(key.pk()),
                    "sk", AttributeValue.fromS(key.sk() + SUFFIX),
                    "owner", AttributeValue.fromS(owner),
                    "until", AttributeValue.fromN(Long.toString(now + lease.toMillis())),
                    "expiresAt", AttributeValue.fromN(Long.toString((now + lease.toMillis()) / 1000 + 86_400))))
                .conditionExpression("attribute_not_exists(pk) OR #until < :now OR #owner = :owner")
                .expressionAttributeNames(Map.of("#until", "until", "#owner", "owner"))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)),
                    ":owner", AttributeValue.fromS(owner))));
            return true;
          } catch (ConditionalCheckFailedException held) {
            return false;
          }
        });
        if (mine) {
          claimed.add(key);
        }
      }
      return claimed;
    }

    @Override
    public void release(Collection<ResultKey> keys) {
      for (ResultKey key : keys) {
        retried(() -> {
          try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of(
                    "pk", AttributeValue.fromS(key.pk()), "sk", AttributeValue.fromS(key.sk() + SUFFIX)))
                .conditionExpression("#owner = :owner")
                .expressionAttributeNames(Map.of("#owner", "owner"))
                .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner))));
          } catch (ConditionalCheckFailedException notMine) {
            // taken over after the lease ran out
          }
          return true;
        });
      }
    }

    private static boolean retried(java.util.function.BooleanSupplier request) {
      for (int attempt = 1; ; attempt++) {
        try {
          return request.getAsBoolean();
        } catch (DynamoDbException e) {
          boolean transientFailure = e.isThrottlingException() || e.statusCode() >= 500
              || (e.awsErrorDetails() != null && "ProvisionedThroughputExceededException".equals(
                  e.awsErrorDetails().errorCode()));
          if (!transientFailure || attempt >= ATTEMPTS) {
            throw e;
          }
          pause(Math.min(1_000L, 20L << attempt));
        }
      }
    }
  }

  /** Sleeps {@code millis}, keeping the interrupt. */
  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for model answers", e);
    }
  }
}
