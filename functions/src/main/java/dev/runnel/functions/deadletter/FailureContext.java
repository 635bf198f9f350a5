package dev.runnel.functions.deadletter;

import dev.runnel.functions.aggregate.SubRecordPosition;
import dev.runnel.functions.batch.InputRecord;
import java.util.Objects;

/**
 * Names where failures happen, so a dead letter can be traced without the logs.
 *
 * @param job        the job's name
 * @param stage      the stage's id
 * @param topicInput true when the stage reads a Kafka topic: its shards are topic-partitions and its sequence numbers
 *                   offsets, and messages say so
 * @param aggregated true when the stage reads an aggregated stream, whose positions are sub-record positions
 *                   (docs/aggregation.md): a message then names the Kinesis sequence number and the sub-record apart
 */
public record FailureContext(String job, String stage, boolean topicInput, boolean aggregated) {
  private static final int MAX_ERROR_CHARS = 8_000;
  private static final int MAX_CAUSES = 4;

  public FailureContext {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(stage, "stage");
  }

  /** The context of a stage reading a plain Kinesis stream. */
  public FailureContext(String job, String stage) {
    this(job, stage, false, false);
  }

  /**
   * The failure of {@code input} at {@code step}, with a message naming job, stage, shard (topic-partition) and
   * position (offset, or sequence number and sub-record), step and cause.
   */
  public RecordFailure describe(InputRecord input, StepFailure step) {
    StringBuilder error = new StringBuilder()
        .append("job '").append(job).append("', stage '").append(stage)
        .append(topicInput ? "', topic-partition " : "', shard ").append(input.shardId())
        .append(topicInput ? ", offset " : ", sequence number ")
        .append(aggregated ? SubRecordPosition.sequenceNumber(input.sequenceNumber())
            + " sub-record " + SubRecordPosition.index(input.sequenceNumber()) : input.sequenceNumber())
        .append(": ").append(step.getMessage());
    Throwable cause = step.getCause();
    for (int i = 0; cause != null && i < MAX_CAUSES; i++, cause = cause.getCause()) {
      error.append(i == 0 ? ": " : "; caused by ").append(cause.getClass().getName());
      if (cause.getMessage() != null) {
        error.append(": ").append(cause.getMessage());
      }
    }
    String text = error.length() <= MAX_ERROR_CHARS ? error.toString()
        : error.substring(0, MAX_ERROR_CHARS) + "... (truncated)";
    return new RecordFailure(step.type(), step.step(), text);
  }
}
