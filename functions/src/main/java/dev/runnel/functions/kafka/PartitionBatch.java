package dev.runnel.functions.kafka;

import dev.runnel.functions.batch.InputRecord;
import java.util.List;
import java.util.Objects;

/**
 * The records of one topic-partition in a Kafka event, in offset order: what the stage runs as one batch, with the
 * topic-partition as its shard and the offsets as sequence numbers.
 *
 * @param partition the topic-partition as Lambda names it, {@code <topic>-<partition>}, e.g. {@code orders-2}
 * @param records   its records, in offset order
 */
public record PartitionBatch(String partition, List<InputRecord> records) {
  public PartitionBatch {
    Objects.requireNonNull(partition, "partition");
    records = List.copyOf(records);
  }
}
