package dev.runnel.infra.stack;

import java.util.List;
import java.util.Objects;

/**
 * The Kinesis event source mapping feeding a stage function (its alias, so SnapStart applies). See
 * docs/deployment.md for why each setting has its value.
 *
 * @param functionLogicalId      the stage function
 * @param streamLogicalId        the stream it reads
 * @param startingPosition       where a new mapping starts, {@code TRIM_HORIZON}: nothing already written is skipped
 * @param batchSize              records per invocation at most
 * @param batchingWindowSeconds  how long records are gathered
 * @param bisectOnError          split a failing batch and retry the halves
 * @param maximumRetryAttempts   retries before the batch is given up; -1 never gives up
 * @param maximumRecordAgeSeconds the age after which a batch is given up; -1 never
 * @param parallelizationFactor  concurrent batches per shard
 * @param functionResponseTypes  {@code ReportBatchItemFailures}: the function names the first record to retry from
 * @param onFailureQueueLogicalId the dead-letter queue told of every batch given up
 */
public record EventSourceMapping(String functionLogicalId, String streamLogicalId, String startingPosition,
    int batchSize, int batchingWindowSeconds, boolean bisectOnError, int maximumRetryAttempts,
    int maximumRecordAgeSeconds, int parallelizationFactor, List<String> functionResponseTypes,
    String onFailureQueueLogicalId) {
  /** The starting position of every mapping. */
  public static final String TRIM_HORIZON = "TRIM_HORIZON";
  /** The response type every Runnel handler uses. */
  public static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

  public EventSourceMapping {
    Objects.requireNonNull(functionLogicalId, "functionLogicalId");
    Objects.requireNonNull(streamLogicalId, "streamLogicalId");
    Objects.requireNonNull(startingPosition, "startingPosition");
    Objects.requireNonNull(onFailureQueueLogicalId, "onFailureQueueLogicalId");
    functionResponseTypes = List.copyOf(functionResponseTypes);
    if (maximumRecordAgeSeconds != -1 && (maximumRecordAgeSeconds < 60 || maximumRecordAgeSeconds > 604_800)) {
      throw new IllegalArgumentException("maximumRecordAgeSeconds must be -1 or 60..604800");
    }
  }
}
