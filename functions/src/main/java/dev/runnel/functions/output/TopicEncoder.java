package dev.runnel.functions.output;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.codec.JsonEncoder;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;
import java.nio.charset.StandardCharsets;

/**
 * Encodes records for a Kafka output (repartition topic or topic sink) as JSON, keyed by a field, or by the input
 * record's partition key when there is no key field: the key is what Kafka partitions by (docs/kafka.md).
 *
 * @param name  the output's name
 * @param from  the node it writes
 * @param topic the target topic
 * @param key   the key field, or null to reuse the input record's partition key
 * @param json  the JSON encoder of the output's record type
 */
public record TopicEncoder(String name, String from, String topic, KeyField key, JsonEncoder json)
    implements OutputEncoder {
  /** The {@code runnel-id} header: its name and the longest identity it may carry. */
  private static final int HEADER_BYTES = "runnel-id".length() + RecordIdentity.MAX_PARTITION_KEY_LENGTH * 3;

  @Override
  public Emission encode(Object record, InputRecord input) throws StepFailure {
    byte[] data;
    try {
      data = json.encode(record);
    } catch (Exception e) {
      throw new StepFailure(ErrorType.ENCODE, name, "output '" + name + "' cannot encode its record as JSON", e);
    }
    String routingKey = routingKey(record, input);
    long size = data.length + routingKey.getBytes(StandardCharsets.UTF_8).length + HEADER_BYTES
        + SizeLimits.KAFKA_RECORD_OVERHEAD_BYTES;
    if (size > SizeLimits.KAFKA_RECORD_BYTES) {
      throw new StepFailure(ErrorType.OVERSIZE, name, "output '" + name + "' would send a record of up to " + size
          + " bytes to topic " + topic + " (" + data.length + " bytes of JSON); a Kafka record is limited to "
          + SizeLimits.KAFKA_RECORD_BYTES + " bytes (the producer's max.request.size, the broker's default "
          + "message.max.bytes): make the record smaller, or keep large parts elsewhere (S3, say) and send a "
          + "reference", null);
    }
    return new TopicRecord(name, topic, routingKey, data);
  }

  private String routingKey(Object record, InputRecord input) throws StepFailure {
    if (key == null) {
      if (input.partitionKey() == null || input.partitionKey().isEmpty()) {
        throw new StepFailure(ErrorType.KEY, name, "output '" + name + "' reuses the input's key, "
            + "but the input record has none", null);
      }
      return input.partitionKey();
    }
    Object value;
    try {
      value = key.valueOf(record);
    } catch (Throwable e) {
      throw new StepFailure(ErrorType.KEY, name, "output '" + name + "' cannot read key field '" + key.name()
          + "' of " + record.getClass().getName(), e);
    }
    if (value == null) {
      throw new StepFailure(ErrorType.KEY, name, "output '" + name + "': key field '" + key.name() + "' is null",
          null);
    }
    String routingKey = String.valueOf(value);
    if (routingKey.isEmpty()) {
      throw new StepFailure(ErrorType.KEY, name, "output '" + name + "': key field '" + key.name()
          + "' is empty; topic " + topic + " is partitioned by it: key the output by a field that is never empty",
          null);
    }
    return routingKey;
  }
}
