package dev.runnel.plan;

/**
 * The event source mapping settings of a stage, as Lambda's Kinesis ESM takes them; the local driver obeys the same.
 *
 * @param batchSize              records per invocation at most (1-10,000)
 * @param batchingWindowSeconds  how long to gather records before invoking (0-300)
 * @param bisectOnError          split a failing batch in two and retry the halves
 * @param maximumRetryAttempts   retries of a failing batch before it is discarded; -1 retries until the record expires
 * @param parallelizationFactor  concurrent batches per shard (1-10)
 */
public record BatchingSpec(
    int batchSize, int batchingWindowSeconds, boolean bisectOnError, int maximumRetryAttempts,
    int parallelizationFactor) {

  /** Runnel's defaults: Lambda's batch size, no window, bisect on, 10 retries, one batch per shard. */
  public static final BatchingSpec DEFAULT = new BatchingSpec(100, 0, true, 10, 1);

  /**
   * The settings of an exactly-once job: as {@link #DEFAULT} but never giving a batch up, since a discarded batch is a
   * loss no protocol can repair (bad records already go to the dead letters inside the function).
   */
  public static final BatchingSpec EXACTLY_ONCE = new BatchingSpec(100, 0, true, -1, 1);

  public BatchingSpec {
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("batchSize must be 1..10000, not " + batchSize);
    }
    if (batchingWindowSeconds < 0 || batchingWindowSeconds > 300) {
      throw new IllegalArgumentException("batchingWindowSeconds must be 0..300, not " + batchingWindowSeconds);
    }
    if (maximumRetryAttempts < -1 || maximumRetryAttempts > 10_000) {
      throw new IllegalArgumentException("maximumRetryAttempts must be -1..10000, not " + maximumRetryAttempts);
    }
    if (parallelizationFactor < 1 || parallelizationFactor > 10) {
      throw new IllegalArgumentException("parallelizationFactor must be 1..10, not " + parallelizationFactor);
    }
  }

  /** The same settings with {@code factor} concurrent batches per shard. */
  public BatchingSpec withParallelizationFactor(int factor) {
    return new BatchingSpec(batchSize, batchingWindowSeconds, bisectOnError, maximumRetryAttempts, factor);
  }
}
