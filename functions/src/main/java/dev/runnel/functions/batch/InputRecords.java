package dev.runnel.functions.batch;

import dev.runnel.checkpointing.identity.LanedRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Turns the records of a Lambda {@link KinesisEvent} into {@link InputRecord}s, in delivery order. */
public final class InputRecords {
  private InputRecords() {}

  /** The event's records; an event without records gives an empty list. */
  public static List<InputRecord> of(KinesisEvent event) {
    if (event == null || event.getRecords() == null) {
      return List.of();
    }
    List<InputRecord> records = new ArrayList<>(event.getRecords().size());
    for (KinesisEventRecord r : event.getRecords()) {
      records.add(of(r));
    }
    return records;
  }

  /**
   * One event record; the shard id is the part of the event id before the colon. A record of a stream read in
   * parallel lanes has its identity at the head of its data: it becomes the input's partition key, as on any other
   * stream ({@link LanedRecord}).
   */
  public static InputRecord of(KinesisEventRecord record) {
    KinesisEvent.Record kinesis = record.getKinesis();
    LanedRecord read = LanedRecord.read(kinesis.getPartitionKey(), bytes(kinesis.getData()));
    return new InputRecord(shardId(record.getEventID()), kinesis.getSequenceNumber(), read.identityKey(),
        read.data(), kinesis.getApproximateArrivalTimestamp() == null ? 0
            : kinesis.getApproximateArrivalTimestamp().getTime());
  }

  /** {@code "shardId-000000000001:4954..."} gives {@code "shardId-000000000001"}. */
  static String shardId(String eventId) {
    if (eventId == null || eventId.isEmpty()) {
      return "unknown-shard";
    }
    int colon = eventId.indexOf(':');
    return colon < 0 ? eventId : eventId.substring(0, colon);
  }

  private static byte[] bytes(ByteBuffer data) {
    if (data == null) {
      return new byte[0];
    }
    if (data.hasArray() && data.arrayOffset() == 0 && data.position() == 0
        && data.remaining() == data.array().length) {
      return data.array(); // the event's own bytes, which nothing else reads or writes: no copy
    }
    ByteBuffer view = data.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }
}
