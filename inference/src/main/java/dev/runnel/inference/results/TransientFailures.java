package dev.runnel.inference.results;

import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedPredicate;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The failures of DynamoDB that pass by themselves, and the Failsafe retry policy that waits them out: exponential
 * backoff from 20 ms to 1 s with jitter, 12 attempts (about 6 s of waiting at most). The client's own SDK retry
 * strategy has already retried throttled calls by then; this policy covers what the SDK does not retry: unprocessed
 * keys and transactions cancelled by throttling or conflicts.
 */
final class TransientFailures {
  /** Cancellation reason codes that a later attempt can get past. */
  static final Set<String> TRANSIENT_REASONS =
      Set.of("ThrottlingError", "TransactionConflict", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

  private static final int MAX_ATTEMPTS = 12;

  private TransientFailures() {}

  /** Throttling, server errors and collisions with a transaction in flight; not validation or access errors. */
  static boolean isTransient(Throwable failure) {
    return failure instanceof AwsServiceException service
        && (service.isThrottlingException() || service.statusCode() >= 500
            || failure instanceof TransactionConflictException);
  }

  /** A policy that retries transient failures, and results for which {@code unfinished} is true, with backoff. */
  static <R> RetryPolicy<R> retryPolicy(CheckedPredicate<R> unfinished) {
    return RetryPolicy.<R>builder()
        .handleIf(TransientFailures::isTransient)
        .handleResultIf(unfinished)
        .withBackoff(Duration.ofMillis(20), Duration.ofSeconds(1))
        .withJitter(0.5)
        .withMaxAttempts(MAX_ATTEMPTS)
        .build();
  }
}
