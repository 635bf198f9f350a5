package dev.runnel.testdriver;

import dev.runnel.functions.batch.InputRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * The plan's Kinesis streams in memory: PutRecords routes each entry to the shard whose even slice of the 128-bit
 * hash key space holds the MD5 of its partition key (or its explicit hash key), as Kinesis does, with an increasing
 * sequence number and the driver clock's time as arrival; readers take what a shard holds, in order. Each stream
 * also keeps every record in the order it was put, which is what a sink stream's reader sees as emission order.
 * ListShards and PutRecords are all a stage calls; anything else fails.
 */
final class InMemoryStreams implements KinesisClient {

  /** One record a shard holds. */
  record Stored(String partitionKey, byte[] data, String sequenceNumber, long arrivalMillis) {}

  private final Map<String, List<List<Stored>>> shards = new LinkedHashMap<>();
  private final Map<String, List<Stored>> putOrder = new LinkedHashMap<>();
  private final Map<String, int[]> readUpTo = new LinkedHashMap<>();
  private final Map<String, EvenShards> layouts = new LinkedHashMap<>();
  private final Clock clock;
  private long sequence;
  private long puts;

  InMemoryStreams(Map<String, Integer> shardsByStream, Clock clock) {
    this.clock = clock;
    shardsByStream.forEach((stream, count) -> {
      List<List<Stored>> lists = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        lists.add(new ArrayList<>());
      }
      shards.put(stream, lists);
      putOrder.put(stream, new ArrayList<>());
      readUpTo.put(stream, new int[count]);
      layouts.put(stream, new EvenShards(count));
    });
  }

  /** The id Kinesis gives shard {@code index}. */
  static String shardId(int index) {
    return EvenShards.shardId(index);
  }

  @Override
  public synchronized PutRecordsResponse putRecords(PutRecordsRequest request) {
    List<List<Stored>> lists = lists(request.streamName());
    List<PutRecordsResultEntry> results = new ArrayList<>(request.records().size());
    for (PutRecordsRequestEntry entry : request.records()) {
      int shard = layout(request.streamName()).shardOf(entry.explicitHashKey(), entry.partitionKey());
      Stored stored = store(request.streamName(), lists, shard, entry.partitionKey(), entry.data().asByteArray());
      results.add(PutRecordsResultEntry.builder().shardId(shardId(shard)).sequenceNumber(stored.sequenceNumber())
          .build());
    }
    return PutRecordsResponse.builder().failedRecordCount(0).records(results).build();
  }

  /** Puts one record as a producer would, routed by its partition key. */
  synchronized void put(String stream, String partitionKey, byte[] data) {
    List<List<Stored>> lists = lists(stream);
    store(stream, lists, layout(stream).shardOf(null, partitionKey), partitionKey, data);
  }

  private Stored store(String stream, List<List<Stored>> lists, int shard, String partitionKey, byte[] data) {
    Stored stored = new Stored(partitionKey, data, String.format("4960%052d", ++sequence), clock.millis());
    lists.get(shard).add(stored);
    putOrder.get(stream).add(stored);
    puts++;
    return stored;
  }

  /** Records put so far, on every stream: a round that puts none has changed nothing downstream. */
  synchronized long puts() {
    return puts;
  }

  /** Records of the shard not taken yet. */
  synchronized int pending(String stream, int shard) {
    return lists(stream).get(shard).size() - readUpTo.get(stream)[shard];
  }

  /** Takes up to {@code max} records of the shard, oldest first, as Lambda's event source mapping delivers them. */
  synchronized List<InputRecord> take(String stream, int shard, int max) {
    List<Stored> list = lists(stream).get(shard);
    int from = readUpTo.get(stream)[shard];
    int to = Math.min(list.size(), from + max);
    readUpTo.get(stream)[shard] = to;
    List<InputRecord> batch = new ArrayList<>(to - from);
    for (Stored stored : list.subList(from, to)) {
      batch.add(new InputRecord(shardId(shard), stored.sequenceNumber(), stored.partitionKey(), stored.data(),
          stored.arrivalMillis()));
    }
    return batch;
  }

  /** Every record put on {@code stream}, in the order they were put. */
  synchronized List<Stored> all(String stream) {
    lists(stream);
    return List.copyOf(putOrder.get(stream));
  }

  /** Shards of {@code stream}. */
  synchronized int shardCount(String stream) {
    return lists(stream).size();
  }

  @Override
  public synchronized ListShardsResponse listShards(ListShardsRequest request) {
    return ListShardsResponse.builder().shards(layout(request.streamName()).describe()).build();
  }

  private EvenShards layout(String stream) {
    EvenShards layout = layouts.get(stream);
    if (layout == null) {
      throw ResourceNotFoundException.builder().message("Stream " + stream + " not found").build();
    }
    return layout;
  }

  private List<List<Stored>> lists(String stream) {
    List<List<Stored>> lists = shards.get(stream);
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
