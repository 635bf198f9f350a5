package dev.runnel.functions.processing;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.deadletter.StepFailure;

/**
 * An input record after decoding: its value and, in a keyed stage, its key; or why it could not be decoded or keyed.
 *
 * @param input   the input record
 * @param value   the decoded value, or null when it failed
 * @param key     the record's key in a keyed stage, or null
 * @param failure the decode or key failure, or null
 */
public record DecodedRecord(InputRecord input, Object value, String key, StepFailure failure, long eventTime) {
  /** A record without event time. */
  public DecodedRecord(InputRecord input, Object value, String key, StepFailure failure) {
    this(input, value, key, failure, Long.MIN_VALUE);
  }

  /** True when the record goes to the dead letters without running any operator. */
  public boolean isFailed() {
    return failure != null;
  }
}
