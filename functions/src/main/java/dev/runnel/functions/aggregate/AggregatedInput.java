package dev.runnel.functions.aggregate;

import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.time.StreamShards;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The records of a batch of an aggregated stream as the stage sees them: each aggregate becomes its sub-records, at
 * positions of their own ({@link SubRecordPosition}), and a plain record (a watermark marker) becomes index 0 of its
 * sequence number. A sub-record whose hash key is outside the range of the shard it was read from is a stray copy:
 * its producer routed the aggregate by a shard map a split had made stale, and sent the sub-record again to the
 * shard that owns it before it committed; it is skipped here and counted.
 */
public final class AggregatedInput {
  private final String stream;
  private final StreamShards shards;
  private final Map<String, HashRange> ranges = new ConcurrentHashMap<>();
  private final AtomicLong strays = new AtomicLong();

  /** Expands batches read from {@code stream}, whose shard ranges {@code shards} lists. */
  public AggregatedInput(String stream, StreamShards shards) {
    this.stream = stream;
    this.shards = shards;
  }

  /**
   * The sub-records of {@code records}, in order, without stray copies.
   * A malformed aggregate stays one record, which the stage's decoder then sends to the dead letters.
   *
   * @throws IllegalStateException    when the range of a shard holding an aggregate cannot be known
   */
  public List<InputRecord> expand(List<InputRecord> records) {
    List<InputRecord> expanded = new ArrayList<>(records.size());
    for (InputRecord record : records) {
      if (!AggregateRecord.isAggregate(record.data())) {
        expanded.add(new InputRecord(record.shardId(), SubRecordPosition.of(record.sequenceNumber(), 0),
            record.partitionKey(), record.data(), record.arrivalMillis()));
        continue;
      }
      List<SubRecord> subRecords;
      try {
        subRecords = AggregateRecord.decode(record.data());
      } catch (IllegalArgumentException malformed) {
        // not JSON either: the stage's decoder fails it, and it goes to the dead letters with its position
        expanded.add(new InputRecord(record.shardId(), SubRecordPosition.of(record.sequenceNumber(), 0),
            record.partitionKey(), record.data(), record.arrivalMillis()));
        continue;
      }
      HashRange owned = range(record.shardId());
      for (int i = 0; i < subRecords.size(); i++) {
        SubRecord sub = subRecords.get(i);
        if (!owned.contains(sub.explicitHashKey())) {
          strays.incrementAndGet();
          continue;
        }
        expanded.add(new InputRecord(record.shardId(), SubRecordPosition.of(record.sequenceNumber(), i),
            sub.partitionKey(), sub.data(), record.arrivalMillis()));
      }
    }
    return expanded;
  }

  /** Sub-records skipped so far because their shard does not own them. */
  public long strayCopies() {
    return strays.get();
  }

  private HashRange range(String shard) {
    HashRange known = ranges.get(shard);
    if (known != null) {
      return known;
    }
    HashRange listed = shards.shard(stream, shard)
        .map(s -> new HashRange(s.startingHashKey(), s.endingHashKey()))
        .orElseThrow(() -> new IllegalStateException("the hash key range of shard " + shard + " of aggregated stream "
            + stream + " is not known (ListShards does not name it), so its stray sub-records cannot be told apart;"
            + " the function needs kinesis:ListShards on the stream"));
    ranges.put(shard, listed); // a shard's range never changes
    return listed;
  }
}
