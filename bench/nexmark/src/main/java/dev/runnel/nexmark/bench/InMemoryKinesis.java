package dev.runnel.nexmark.bench;

import dev.runnel.testdriver.EvenShards;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * A Kinesis stand-in in memory, for the streams of one plan: PutRecords routes each entry to the shard whose even
 * slice of the 128-bit hash key space holds the MD5 of its partition key (or its explicit hash key), as Kinesis does,
 * and gives it an increasing sequence number; readers take what a shard holds, in order. It counts PutRecords calls,
 * records and 25 KB payload units, and the CPU time it spends, so the bench can subtract it. Not thread-safe: the
 * bench runs one stage batch at a time.
 */
final class InMemoryKinesis implements KinesisClient {
  private static final int PAYLOAD_UNIT_BYTES = 25 * 1024;

  /** One record a shard holds. */
  record StoredRecord(String partitionKey, byte[] data, String sequenceNumber, Instant arrival) {}

  private final Map<String, List<List<StoredRecord>>> shards = new LinkedHashMap<>();
  private final Map<String, int[]> readUpTo = new LinkedHashMap<>();
  private final Map<String, EvenShards> layouts = new LinkedHashMap<>();
  private final CpuClock cpu;
  private long sequence;
  private long putRecordsCalls;
  private long putRecords;
  private final Map<String, Long> payloadUnitsByStream = new LinkedHashMap<>();

  InMemoryKinesis(Map<String, Integer> shardsByStream, CpuClock cpu) {
    this.cpu = cpu;
    shardsByStream.forEach((stream, count) -> {
      List<List<StoredRecord>> lists = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        lists.add(new ArrayList<>());
      }
      shards.put(stream, lists);
      readUpTo.put(stream, new int[count]);
      layouts.put(stream, new EvenShards(count));
    });
  }

  /** The id Kinesis gives shard {@code index}. */
  static String shardId(int index) {
    return EvenShards.shardId(index);
  }

  /** The shard index of a shard id. */
  static int shardIndex(String shardId) {
    return Integer.parseInt(shardId.substring("shardId-".length()));
  }

  @Override
  public PutRecordsResponse putRecords(PutRecordsRequest request) {
    long started = cpu.threadNanos();
    List<List<StoredRecord>> lists = lists(request.streamName());
    List<PutRecordsResultEntry> results = new ArrayList<>(request.records().size());
    Instant now = Instant.now();
    putRecordsCalls++;
    for (PutRecordsRequestEntry entry : request.records()) {
      int shard = layout(request.streamName()).shardOf(entry.explicitHashKey(), entry.partitionKey());
      String sequenceNumber = String.format("4960%052d", ++sequence);
      byte[] data = entry.data().asByteArray();
      lists.get(shard).add(new StoredRecord(entry.partitionKey(), data, sequenceNumber, now));
      putRecords++;
      int bytes = data.length + entry.partitionKey().getBytes(StandardCharsets.UTF_8).length;
      payloadUnitsByStream.merge(request.streamName(),
          Math.max(1L, (bytes + PAYLOAD_UNIT_BYTES - 1) / PAYLOAD_UNIT_BYTES), Long::sum);
      results.add(PutRecordsResultEntry.builder().shardId(shardId(shard)).sequenceNumber(sequenceNumber).build());
    }
    cpu.exclude(started);
    return PutRecordsResponse.builder().failedRecordCount(0).records(results).build();
  }

  /** Appends a source record to shard {@code shard} of {@code stream}, as a producer would; not counted. */
  void append(String stream, int shard, String partitionKey, byte[] data, Instant arrival) {
    lists(stream).get(shard).add(new StoredRecord(partitionKey, data, String.format("4960%052d", ++sequence),
        arrival));
  }

  /** Records of the shard not taken yet. */
  int pending(String stream, int shard) {
    return lists(stream).get(shard).size() - readUpTo.get(stream)[shard];
  }

  /** Takes up to {@code max} records of the shard, oldest first. */
  List<StoredRecord> take(String stream, int shard, int max) {
    List<StoredRecord> list = lists(stream).get(shard);
    int from = readUpTo.get(stream)[shard];
    int to = Math.min(list.size(), from + max);
    readUpTo.get(stream)[shard] = to;
    return List.copyOf(list.subList(from, to));
  }

  /** Every record of the stream, all shards, each shard in order. */
  List<StoredRecord> all(String stream) {
    List<StoredRecord> records = new ArrayList<>();
    lists(stream).forEach(records::addAll);
    return records;
  }

  /** Drops what readers have taken from every shard of {@code stream}, to free memory. */
  void forgetTaken(String stream) {
    List<List<StoredRecord>> lists = lists(stream);
    for (int i = 0; i < lists.size(); i++) {
      List<StoredRecord> kept = new ArrayList<>(lists.get(i).subList(readUpTo.get(stream)[i], lists.get(i).size()));
      lists.set(i, kept);
      readUpTo.get(stream)[i] = 0;
    }
  }

  /** Shards of {@code stream}. */
  int shardCount(String stream) {
    return lists(stream).size();
  }

  long putRecordsCalls() {
    return putRecordsCalls;
  }

  long putRecords() {
    return putRecords;
  }

  /** The 25 KB PUT payload units of every record the stages put. */
  long payloadUnits() {
    return payloadUnitsByStream.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The PUT payload units of the records the stages put to {@code streams}. */
  long payloadUnits(java.util.Collection<String> streams) {
    return streams.stream().mapToLong(stream -> payloadUnitsByStream.getOrDefault(stream, 0L)).sum();
  }

  @Override
  public ListShardsResponse listShards(ListShardsRequest request) {
    return ListShardsResponse.builder().shards(layout(request.streamName()).describe()).build();
  }

  private EvenShards layout(String stream) {
    EvenShards layout = layouts.get(stream);
    if (layout == null) {
      throw ResourceNotFoundException.builder().message("Stream " + stream + " not found").build();
    }
    return layout;
  }

  private List<List<StoredRecord>> lists(String stream) {
    List<List<StoredRecord>> lists = shards.get(stream);
    if (lists == null) {
      throw ResourceNotFoundException.builder().message("Stream " + stream + " not found").build();
    }
    return lists;
  }

  @Override
  public String serviceName() {
    return "kinesis";
  }

  @Override
  public void close() {}
}
