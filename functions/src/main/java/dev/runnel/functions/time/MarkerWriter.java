package dev.runnel.functions.time;

import dev.runnel.functions.kafka.KafkaRecordWriter;
import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.output.TopicRecord;
import dev.runnel.functions.output.WriteResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a stage shard's watermark markers: one to every open shard of each stream the stage feeds, routed by the
 * shard's starting hash key, through the same PutRecords writer as the outputs (batched, failed entries resent).
 * The starts come from a cached shard listing; when a marker lands in a shard the listing does not know, the stream
 * was resharded since, so the writer reads the shards again and announces to the new ones too (a split's upper
 * child starts where no cached start points, and would otherwise hold its reader's watermark until the cache
 * expired, or forever after the last announcement of a bounded run). A Kafka topic the stage feeds gets one marker
 * in each of its partitions, named explicitly, with no key and the marker in the {@code runnel-id} header.
 */
public final class MarkerWriter {
  /** Announcements to one stream before giving up on following its reshards; the next announcement starts over. */
  private static final int MAX_ROUNDS = 3;

  private final KinesisRecordWriter writer;
  private final StreamShards shards;
  private final List<String> streams;
  private final KafkaRecordWriter topicWriter;
  private final List<String> topics;

  /**
   * A writer of markers.
   *
   * @param writer  the PutRecords writer
   * @param shards  where the open shards of each stream start
   * @param streams the streams the stage feeds that a Runnel stage reads (its repartition outputs)
   */
  public MarkerWriter(KinesisRecordWriter writer, StreamShards shards, List<String> streams) {
    this(writer, shards, streams, null, List.of());
  }

  /**
   * A writer of markers to Kinesis {@code streams} and Kafka {@code topics}.
   *
   * @param writer      the PutRecords writer
   * @param shards      where the open shards of each stream start
   * @param streams     the Kinesis streams the stage feeds that a Runnel stage reads
   * @param topicWriter the Kafka writer, or null when {@code topics} is empty
   * @param topics      the Kafka topics the stage feeds that a Runnel stage reads
   */
  public MarkerWriter(KinesisRecordWriter writer, StreamShards shards, List<String> streams,
      KafkaRecordWriter topicWriter, List<String> topics) {
    this.writer = writer;
    this.shards = shards;
    this.streams = List.copyOf(streams);
    this.topicWriter = topicWriter;
    this.topics = List.copyOf(topics);
    if (topicWriter == null && !this.topics.isEmpty()) {
      throw new IllegalArgumentException("markers for topics " + topics + " need a Kafka writer");
    }
  }

  /** True when the stage feeds no stream another stage reads, so it has nobody to announce to. */
  public boolean isEmpty() {
    return streams.isEmpty() && topics.isEmpty();
  }

  /**
   * Announces {@code marker} on every open shard of every stream; false when some entries could not be written (the
   * caller fails the invocation, and the retry announces again).
   */
  public boolean announce(WatermarkMarker marker) {
    for (String stream : streams) {
      List<String> starts = shards.openShardStarts(stream);
      for (int round = 1; !starts.isEmpty(); round++) {
        List<StreamRecord> records = new ArrayList<>();
        for (String start : starts) {
          records.add(new StreamRecord("watermark", stream, marker.toPartitionKey(), WatermarkMarker.PAYLOAD, start));
        }
        Set<String> landedIn = new HashSet<>();
        WriteResult result = writer.put(stream, records, landedIn::add);
        if (!result.complete()) {
          return false;
        }
        List<String> current = shards.openShardStarts(stream, landedIn);
        if (current.equals(starts) || round == MAX_ROUNDS) {
          break;
        }
        starts = current;
      }
    }
    for (String topic : topics) {
      List<TopicRecord> records = new ArrayList<>();
      for (int partition : topicWriter.partitions(topic)) {
        records.add(new TopicRecord("watermark", topic, null, WatermarkMarker.PAYLOAD, marker.toPartitionKey(),
            partition));
      }
      if (!topicWriter.send(topic, records).complete()) {
        return false;
      }
    }
    return true;
  }
}
