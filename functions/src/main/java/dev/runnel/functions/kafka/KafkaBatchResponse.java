package dev.runnel.functions.kafka;

import java.util.List;
import java.util.Objects;

/**
 * A Kafka batch response ({@code ReportBatchItemFailures}): for each topic-partition that must be read again, the
 * offset to read it again from. Lambda's JSON form is
 * {@code {"batchItemFailures":[{"itemIdentifier":{"partition":"orders-2","offset":100}}]}}; no failures means the
 * whole batch succeeded.
 *
 * @param batchItemFailures the partitions to read again, each from its offset
 */
public record KafkaBatchResponse(List<ItemFailure> batchItemFailures) {
  public KafkaBatchResponse {
    batchItemFailures = List.copyOf(batchItemFailures);
  }

  /**
   * Where one topic-partition is read again from.
   *
   * @param partition the topic-partition, {@code <topic>-<partition>}
   * @param offset    the first offset to deliver again
   */
  public record ItemFailure(String partition, long offset) {
    public ItemFailure {
      Objects.requireNonNull(partition, "partition");
    }
  }
}
