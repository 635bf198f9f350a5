package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Turns GetRecords results of one shard into the {@link KinesisEvent} Lambda would deliver for them. */
final class KinesisEventFactory {
  private final String shardId;
  private final String streamArn;
  private final String region;

  KinesisEventFactory(String shardId, String streamArn, String region) {
    this.shardId = shardId;
    this.streamArn = streamArn;
    this.region = region;
  }

  /** The event for these records, in their order. */
  KinesisEvent event(List<Record> records) {
    List<KinesisEvent.KinesisEventRecord> eventRecords = new ArrayList<>(records.size());
    for (Record record : records) {
      KinesisEvent.Record kinesis = new KinesisEvent.Record();
      kinesis.setKinesisSchemaVersion("1.0");
      kinesis.setPartitionKey(record.partitionKey());
      kinesis.setSequenceNumber(record.sequenceNumber());
      kinesis.setData(ByteBuffer.wrap(record.data().asByteArray()));
      if (record.approximateArrivalTimestamp() != null) {
        kinesis.setApproximateArrivalTimestamp(Date.from(record.approximateArrivalTimestamp()));
      }
      KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
      eventRecord.setEventID(shardId + ":" + record.sequenceNumber());
      eventRecord.setEventSource("aws:kinesis");
      eventRecord.setEventSourceARN(streamArn);
      eventRecord.setEventName("aws:kinesis:record");
      eventRecord.setEventVersion("1.0");
      eventRecord.setAwsRegion(region);
      eventRecord.setInvokeIdentityArn("arn:aws:iam::000000000000:role/runnel-local");
      eventRecord.setKinesis(kinesis);
      eventRecords.add(eventRecord);
    }
    KinesisEvent event = new KinesisEvent();
    event.setRecords(eventRecords);
    return event;
  }
}
