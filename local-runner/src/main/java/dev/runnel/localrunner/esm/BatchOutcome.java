package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/** What one invocation's result means for the checkpoint, judged as Lambda's Kinesis mapping judges it. */
sealed interface BatchOutcome {

  /** Every record succeeded: checkpoint after the batch. */
  record Success() implements BatchOutcome {}

  /** The function reported failures: checkpoint before {@code firstFailed} (an index in the batch), retry from it. */
  record ReportedFailure(int firstFailed, String description) implements BatchOutcome {}

  /** The function threw: the whole batch failed (bisected if the mapping says so). */
  record Thrown(Throwable error) implements BatchOutcome {}

  /**
   * Reads a ReportBatchItemFailures response: null, a null list or an empty list is success; an empty or null
   * identifier, or one not in the batch, fails the whole batch; otherwise the lowest failed record is the checkpoint.
   */
  static BatchOutcome of(StreamsEventResponse response, List<Record> batch) {
    if (response == null || response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
      return new Success();
    }
    int lowest = Integer.MAX_VALUE;
    for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
      String id = failure == null ? null : failure.getItemIdentifier();
      int index = id == null || id.isEmpty() ? -1 : indexOf(batch, id);
      if (index < 0) {
        return new ReportedFailure(0, "batchItemFailures names '" + id + "', which is not in the batch: whole batch failed");
      }
      lowest = Math.min(lowest, index);
    }
    return new ReportedFailure(lowest, "batchItemFailures from sequence number " + batch.get(lowest).sequenceNumber());
  }

  private static int indexOf(List<Record> batch, String sequenceNumber) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i).sequenceNumber().equals(sequenceNumber)) {
        return i;
      }
    }
    return -1;
  }
}
