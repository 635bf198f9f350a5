package dev.runnel.functions.time;

import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.output.WriteResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a stage shard's watermark markers: one to every open shard of each stream the stage feeds, routed by the
 * shard's starting hash key, through the same PutRecords writer as the outputs (batched, failed entries resent).
 */
public final class MarkerWriter {
  private final KinesisRecordWriter writer;
  private final StreamShards shards;
  private final List<String> streams;

  /**
   * A writer of markers.
   *
   * @param writer  the PutRecords writer
   * @param shards  where the open shards of each stream start
   * @param streams the streams the stage feeds that a Runnel stage reads (its repartition outputs)
   */
  public MarkerWriter(KinesisRecordWriter writer, StreamShards shards, List<String> streams) {
    this.writer = writer;
    this.shards = shards;
    this.streams = List.copyOf(streams);
  }

  /** True when the stage feeds no stream another stage reads, so it has nobody to announce to. */
  public boolean isEmpty() {
    return streams.isEmpty();
  }

  /**
   * Announces {@code marker} on every open shard of every stream; false when some entries could not be written (the
   * caller fails the invocation, and the retry announces again).
   */
  public boolean announce(WatermarkMarker marker) {
    for (String stream : streams) {
      List<StreamRecord> records = new ArrayList<>();
      for (String start : shards.openShardStarts(stream)) {
        records.add(new StreamRecord("watermark", stream, marker.toPartitionKey(), WatermarkMarker.PAYLOAD, start));
      }
      if (records.isEmpty()) {
        continue;
      }
      WriteResult result = writer.put(stream, records);
      if (!result.complete()) {
        return false;
      }
    }
    return true;
  }
}
