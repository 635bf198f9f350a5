package dev.runnel.functions.output;

import dev.runnel.checkpointing.identity.LanedRecord;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.codec.JsonEncoder;
import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;
import java.nio.charset.StandardCharsets;

/**
 * Encodes records for a Kinesis output (repartition or stream sink) as JSON, with the partition key taken from a
 * field, or from the input record when there is no key field.
 *
 * @param name   the output's name
 * @param from   the node it writes
 * @param stream the target stream
 * @param key    the key field, or null to reuse the input record's partition key
 * @param laned  true when the stream is read in parallel lanes ({@code Plan.readInLanes})
 * @param json   the JSON encoder of the output's record type
 */
public record StreamEncoder(String name, String from, String stream, KeyField key, boolean laned, JsonEncoder json)
    implements OutputEncoder {
  /** The largest UTF-8 size of one UTF-16 char of a partition key (a surrogate pair takes 4 bytes for 2 chars). */
  private static final int MAX_UTF8_BYTES_PER_CHAR = 3;

  /** An encoder for a stream read one batch per shard at a time, writing each record by its class. */
  public StreamEncoder(String name, String from, String stream, KeyField key) {
    this(name, from, stream, key, false, JsonEncoder.UNTYPED);
  }

  @Override
  public Emission encode(Object record, InputRecord input) throws StepFailure {
    byte[] data;
    try {
      data = json.encode(record);
    } catch (Exception e) {
      throw new StepFailure(ErrorType.ENCODE, name, "output '" + name + "' cannot encode its record as JSON", e);
    }
    String partitionKey = partitionKey(record, input);
    // An exactly-once stage replaces the partition key by the record's identity (StreamRecord.withIdentity), which
    // can be longer: count whichever is larger.
    // On a stream read in lanes the identity moves into the data, behind a short lane key (LanedRecord).
    long keyBytes = Math.max(utf8Length(partitionKey), RecordIdentity.MAX_PARTITION_KEY_LENGTH)
        + (laned ? LanedRecord.OVERHEAD_BYTES : 0);
    long size = data.length + keyBytes;
    if (size > SizeLimits.KINESIS_RECORD_BYTES) {
      throw new StepFailure(ErrorType.OVERSIZE, name, "output '" + name + "' would put a " + size
          + "-byte record on stream " + stream + " (" + data.length + " bytes of JSON, up to " + keyBytes
          + " of partition key); a Kinesis record (data + partition key) is limited to "
          + SizeLimits.KINESIS_RECORD_BYTES + " bytes: make the record smaller, or keep large parts elsewhere "
          + "(S3, say) and send a reference", null);
    }
    return new StreamRecord(name, stream, partitionKey, data, null, laned);
  }

  /** The key's UTF-8 size, without encoding it when it cannot exceed the identity's length anyway. */
  private static int utf8Length(String partitionKey) {
    return partitionKey.length() * MAX_UTF8_BYTES_PER_CHAR <= RecordIdentity.MAX_PARTITION_KEY_LENGTH
        ? partitionKey.length() : partitionKey.getBytes(StandardCharsets.UTF_8).length;
  }

  private String partitionKey(Object record, InputRecord input) throws StepFailure {
    if (key == null) {
      if (input.partitionKey() == null || input.partitionKey().isEmpty()) {
        throw new StepFailure(ErrorType.KEY, name, "output '" + name + "' reuses the input's partition key, "
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
    String partitionKey = String.valueOf(value);
    int chars = partitionKey.codePointCount(0, partitionKey.length());
    if (chars == 0 || chars > SizeLimits.KINESIS_PARTITION_KEY_CHARS) {
      throw new StepFailure(ErrorType.KEY, name, "output '" + name + "': key field '" + key.name() + "' gives a "
          + chars + "-character partition key; Kinesis needs 1 to " + SizeLimits.KINESIS_PARTITION_KEY_CHARS
          + ": key the output by a shorter field", null);
    }
    return partitionKey;
  }
}
