package dev.runnel.localrunner.esm;

import java.time.Instant;

/**
 * What Lambda sends to a Kinesis mapping's on-failure destination when it discards a batch: metadata, no payload.
 *
 * @param requestId              the last invocation's request id
 * @param functionArn            the function
 * @param condition              why the batch was discarded, {@code RetryAttemptsExhausted}
 * @param approximateInvokeCount how often the batch was invoked
 * @param functionError          the last error: the exception's class and message, or the partial-failure response
 * @param timestamp              when it was discarded
 * @param batchInfo              which records were discarded
 */
public record OnFailureEvent(
    String requestId, String functionArn, String condition, int approximateInvokeCount, String functionError,
    Instant timestamp, KinesisBatchInfo batchInfo) {

  /** The condition Lambda reports after the last retry failed. */
  public static final String RETRY_ATTEMPTS_EXHAUSTED = "RetryAttemptsExhausted";
}
