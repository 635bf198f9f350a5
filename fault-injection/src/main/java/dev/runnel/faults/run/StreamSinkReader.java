package dev.runnel.faults.run;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads every record of a stream, all shards (closed ones too) from the start, keeping partition keys. */
final class StreamSinkReader {
  private final KinesisClient kinesis;

  StreamSinkReader(KinesisClient kinesis) {
    this.kinesis = kinesis;
  }

  List<SinkRecord> read(String stream) {
    List<SinkRecord> records = new ArrayList<>();
    for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
      String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (iterator != null) {
        String current = iterator;
        GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current));
        response.records().forEach(r -> records.add(new SinkRecord(r.partitionKey(), r.data().asUtf8String())));
        boolean caughtUp = response.records().isEmpty()
            && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
        iterator = caughtUp ? null : response.nextShardIterator();
      }
    }
    return records;
  }
}
