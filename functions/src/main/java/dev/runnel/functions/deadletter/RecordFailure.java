package dev.runnel.functions.deadletter;

import java.util.Objects;

/**
 * Why one input record could not be processed.
 *
 * @param type     the kind of failure
 * @param operator the operator, codec or output that failed, or null when none applies
 * @param error    a message naming job, stage, shard, sequence number, what failed and the cause
 */
public record RecordFailure(ErrorType type, String operator, String error) {
  public RecordFailure {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(error, "error");
  }
}
