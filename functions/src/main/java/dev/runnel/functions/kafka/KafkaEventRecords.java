package dev.runnel.functions.kafka;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import dev.runnel.functions.batch.InputRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Lambda's {@link KafkaEvent} into one {@link PartitionBatch} per topic-partition. A record becomes an
 * {@link InputRecord} whose shard is its topic-partition ({@code orders-2}), whose sequence number is its offset in
 * decimal, whose data is its base64-decoded value, whose arrival time is its Kafka timestamp, and whose partition key
 * is its {@link IdentityHeader} when a Runnel stage wrote it, otherwise its key as UTF-8 text (what a producer's
 * partition key is on Kinesis), otherwise empty.
 */
public final class KafkaEventRecords {
  private KafkaEventRecords() {}

  /** The event's batches, in the order the event lists its partitions; an event without records gives none. */
  public static List<PartitionBatch> of(KafkaEvent event) {
    if (event == null || event.getRecords() == null) {
      return List.of();
    }
    Map<String, List<InputRecord>> byPartition = new LinkedHashMap<>();
    for (Map.Entry<String, List<KafkaEventRecord>> entry : event.getRecords().entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      for (KafkaEventRecord record : entry.getValue()) {
        String partition = partition(entry.getKey(), record);
        byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(of(partition, record));
      }
    }
    List<PartitionBatch> batches = new ArrayList<>(byPartition.size());
    byPartition.forEach((partition, records) -> {
      records.sort(Comparator.comparingLong(r -> Long.parseLong(r.sequenceNumber())));
      batches.add(new PartitionBatch(partition, records));
    });
    return batches;
  }

  /** One record of {@code partition}. */
  static InputRecord of(String partition, KafkaEventRecord record) {
    return new InputRecord(partition, Long.toString(record.getOffset()), partitionKey(record),
        decode(record.getValue()), record.getTimestamp());
  }

  /** {@code <topic>-<partition>} from the record; the event's map key when the record lacks its topic. */
  private static String partition(String eventKey, KafkaEventRecord record) {
    return record.getTopic() == null || record.getTopic().isEmpty() ? eventKey
        : record.getTopic() + "-" + record.getPartition();
  }

  private static String partitionKey(KafkaEventRecord record) {
    byte[] identity = header(record, IdentityHeader.NAME);
    if (identity != null) {
      return new String(identity, StandardCharsets.UTF_8);
    }
    return record.getKey() == null ? "" : new String(decode(record.getKey()), StandardCharsets.UTF_8);
  }

  /** The last value of header {@code name}, as Kafka's {@code Headers.lastHeader} would give it, or null. */
  private static byte[] header(KafkaEventRecord record, String name) {
    byte[] found = null;
    if (record.getHeaders() != null) {
      for (Map<String, byte[]> header : record.getHeaders()) {
        if (header != null && header.containsKey(name)) {
          found = header.get(name);
        }
      }
    }
    return found;
  }

  private static byte[] decode(String base64) {
    return base64 == null ? new byte[0] : Base64.getDecoder().decode(base64);
  }
}
