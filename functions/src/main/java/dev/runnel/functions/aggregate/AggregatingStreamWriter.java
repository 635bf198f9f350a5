package dev.runnel.functions.aggregate;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.kinesis.StreamWriter;
import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.output.WriteResult;
import dev.runnel.functions.output.WriteStats;
import dev.runnel.functions.time.StreamShards;
import dev.runnel.functions.time.StreamShards.ListedShard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts a batch's records on an aggregated stream as aggregates, one group per destination shard of the cached shard
 * map (so all of a key's records go in one group, in order), each aggregate routed by its group shard's starting hash
 * key. PutRecords answers the shard each aggregate landed in: when that is not its group's shard, the map was stale
 * (a split), and every sub-record outside the landing shard's range is sent again, regrouped by a fresh listing, with
 * the same identity, before {@link #put} returns (so before the batch commits); the copies left behind are strays,
 * which their readers skip ({@link AggregatedInput}). A merge needs nothing: the merged shard holds every sub-record.
 * Streams not aggregated, and aggregated streams whose shards cannot be listed, get plain records.
 */
public final class AggregatingStreamWriter implements StreamWriter {
  /** Rounds of re-sending strays before the rest count as unwritten (each round follows a reshard). */
  private static final int MAX_ROUNDS = 5;

  private final KinesisRecordWriter writer;
  private final StreamShards shards;
  private final Set<String> aggregated;
  private final AtomicLong aggregates = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();

  /**
   * A writer putting records through {@code writer}, aggregating those for {@code aggregatedStreams} by the shard
   * listings of {@code shards}.
   */
  public AggregatingStreamWriter(KinesisRecordWriter writer, StreamShards shards, Set<String> aggregatedStreams) {
    this.writer = writer;
    this.shards = shards;
    this.aggregated = Set.copyOf(aggregatedStreams);
  }

  /** Plain puts, as broadcast copies need them (a stream with broadcast records is never aggregated). */
  @Override
  public WriteResult put(String stream, List<StreamRecord> records, java.util.function.Consumer<String> landedIn) {
    return writer.put(stream, records, landedIn);
  }

  @Override
  public WriteResult put(String stream, List<StreamRecord> records) {
    if (!aggregated.contains(stream) || records.isEmpty()) {
      return writer.put(stream, records);
    }
    Set<Integer> failed = new HashSet<>();
    WriteStats stats = WriteStats.NONE;
    List<Integer> pending = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      pending.add(i);
    }
    for (int round = 0; !pending.isEmpty(); round++) {
      if (round == MAX_ROUNDS) {
        failed.addAll(pending);
        break;
      }
      ShardMap map = ShardMap.of(shards, stream);
      Packing packing = pack(stream, records, pending, map);
      String[] landed = new String[packing.entries.size()];
      WriteResult result = writer.putTracking(stream, packing.entries, (entry, shard) -> landed[entry] = shard);
      stats = stats.plus(result.stats());
      aggregates.addAndGet(packing.aggregates);
      TreeSet<Integer> strays = new TreeSet<>();
      for (int entry = 0; entry < packing.entries.size(); entry++) {
        if (result.failed().contains(entry)) {
          failed.addAll(packing.members.get(entry));
          continue;
        }
        String group = packing.groupShards.get(entry);
        if (group == null || landed[entry] == null || group.equals(landed[entry])) {
          continue;
        }
        ListedShard landing = landingShard(stream, landed[entry]);
        HashRange range = new HashRange(landing.startingHashKey(), landing.endingHashKey());
        for (int member : packing.members.get(entry)) {
          if (!range.contains(hashKey(records.get(member)))) {
            strays.add(member);
          }
        }
      }
      resent.addAndGet(strays.size());
      pending = new ArrayList<>(strays); // in batch order: a key's records stay in order
    }
    return new WriteResult(failed, stats);
  }

  /** Aggregates put so far (each a Kinesis record, counted once however often it was retried). */
  public long aggregatesPut() {
    return aggregates.get();
  }

  /** Sub-records sent again so far because a stale shard map had put them on a shard that does not own them. */
  public long straysResent() {
    return resent.get();
  }

  /** The shard an aggregate landed in, listing the shards again when the cached listing does not know it. */
  private ListedShard landingShard(String stream, String shard) {
    shards.openShardStarts(stream, List.of(shard)); // a listing that knows the landing shard, and its siblings
    return shards.shard(stream, shard).orElseThrow(() -> new IllegalStateException("PutRecords put a record of"
        + " aggregated stream " + stream + " in shard " + shard + ", which ListShards does not name; the function"
        + " needs kinesis:ListShards on the stream"));
  }

  private static String hashKey(StreamRecord record) {
    return record.explicitHashKey() != null ? record.explicitHashKey()
        : RecordIdentity.explicitHashKey(record.partitionKey());
  }

  /** Groups {@code indexes} by owner shard, in batch order, and packs each group into aggregates. */
  private Packing pack(String stream, List<StreamRecord> records, List<Integer> indexes, ShardMap map) {
    Packing packing = new Packing();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (int index : indexes) {
      StreamRecord record = records.get(index);
      Optional<ListedShard> owner = map.owner(hashKey(record));
      if (owner.isEmpty()) { // no listing: a plain record, which Kinesis routes by its own hash key
        packing.plain(record, index);
        continue;
      }
      groups.computeIfAbsent(owner.get().id(), id -> new Group(owner.get())).members.add(index);
    }
    for (Group group : groups.values()) {
      List<SubRecord> chunk = new ArrayList<>();
      List<Integer> members = new ArrayList<>();
      long framed = 0;
      for (int index : group.members) {
        StreamRecord record = records.get(index);
        SubRecord sub = new SubRecord(record.partitionKey(), hashKey(record), record.data());
        int size = AggregateRecord.framedSize(sub);
        boolean alone = AggregateRecord.size(1, size) > AggregateRecord.MAX_DATA_BYTES; // too big to wrap
        if (!chunk.isEmpty() && (alone || chunk.size() == AggregateRecord.MAX_SUB_RECORDS
            || AggregateRecord.size(chunk.size() + 1, framed + size) > AggregateRecord.MAX_DATA_BYTES)) {
          packing.aggregate(stream, group, chunk, members, records);
          chunk = new ArrayList<>();
          members = new ArrayList<>();
          framed = 0;
        }
        if (alone) { // on its own, after the records before it
          packing.plain(record, index);
          continue;
        }
        chunk.add(sub);
        members.add(index);
        framed += size;
      }
      if (!chunk.isEmpty()) {
        packing.aggregate(stream, group, chunk, members, records);
      }
    }
    return packing;
  }

  private static final class Group {
    private final ListedShard shard;
    private final List<Integer> members = new ArrayList<>();

    Group(ListedShard shard) {
      this.shard = shard;
    }
  }

  /** The entries of one PutRecords round, each with the batch indexes it carries and the shard it was made for. */
  private static final class Packing {
    private final List<StreamRecord> entries = new ArrayList<>();
    private final List<List<Integer>> members = new ArrayList<>();
    private final List<String> groupShards = new ArrayList<>();
    private long aggregates;

    void plain(StreamRecord record, int index) {
      entries.add(record);
      members.add(List.of(index));
      groupShards.add(null); // routed by its own hash key: wherever it lands is its owner
    }

    void aggregate(String stream, Group group, List<SubRecord> chunk, List<Integer> indexes,
        List<StreamRecord> records) {
      if (chunk.size() == 1) {
        plain(records.get(indexes.get(0)), indexes.get(0));
        return;
      }
      StreamRecord first = records.get(indexes.get(0));
      // every aggregate of a group has one hash key: after a split they all land in one child, in order
      entries.add(new StreamRecord(first.output(), stream, AggregateRecord.PARTITION_KEY,
          AggregateRecord.encode(chunk), group.shard.startingHashKey()));
      members.add(List.copyOf(indexes));
      groupShards.add(group.shard.id());
      aggregates++;
    }
  }
}
