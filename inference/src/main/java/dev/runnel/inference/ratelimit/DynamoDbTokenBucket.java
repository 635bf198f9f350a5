package dev.runnel.inference.ratelimit;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A token bucket shared by every function instance through one item of the rate-limits table (see {@code
 * BucketTable}); the same arithmetic as {@link InMemoryTokenBucket} (see {@link Allowance}: at most B + rate·w
 * requests start in any window of length w, never more than N in 60 s). Each acquire reads the item consistently,
 * refills it by elapsed time and takes with a PutItem conditional on the version read; losing that race re-reads and
 * tries again (Failsafe, 1-15 ms jittered pause). When not enough is there it sleeps until enough will have refilled,
 * at most 1 s at a time. Throttling is retried by the client's own SDK retry strategy. Instances' clocks should agree
 * to within a few milliseconds; a clock behind the stored refill time only waits longer.
 */
public final class DynamoDbTokenBucket extends WaitingLimiter {
  private static final int MAX_CONFLICTS = 100;

  private final BucketRule rule;
  private final BucketTable table;
  private final Clock clock;
  private final RetryPolicy<Long> onConflict = RetryPolicy.<Long>builder()
      .handle(ConditionalCheckFailedException.class)
      .withDelay(Duration.ofMillis(1), Duration.ofMillis(15))
      .withMaxAttempts(MAX_CONFLICTS)
      .build();

  /**
   * The bucket named {@code bucket} in {@code table}, admitting {@code requestsPerMinute} and {@code tokensPerMinute}
   * across every instance using it (0 = no limit for either; with both 0 the table is never touched).
   */
  public DynamoDbTokenBucket(DynamoDbClient dynamoDb, String table, String bucket, int requestsPerMinute,
      long tokensPerMinute, Clock clock) {
    super(Sleeper.THREAD);
    this.rule = new BucketRule(requestsPerMinute, tokensPerMinute);
    this.table = new BucketTable(Objects.requireNonNull(dynamoDb, "dynamoDb"), Objects.requireNonNull(table, "table"),
        Objects.requireNonNull(bucket, "bucket"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  long tryTake(int requests, long tokens) throws InterruptedException {
    if (rule.unlimited()) {
      return 0;
    }
    try {
      return Failsafe.with(onConflict).get(() -> takeOnce(requests, tokens));
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw e;
    }
  }

  /** One read, refill and conditional write; 0 when taken, else the wait. */
  private long takeOnce(int requests, long tokens) {
    Optional<BucketTable.Versioned> read = table.read();
    long now = clock.millis();
    BucketState state = read.map(BucketTable.Versioned::state).orElseGet(() -> rule.full(now));
    Admission admission = rule.admit(state, now, requests, tokens);
    if (admission.granted()) {
      table.write(admission.next(), read);
    }
    return admission.waitMillis();
  }
}
