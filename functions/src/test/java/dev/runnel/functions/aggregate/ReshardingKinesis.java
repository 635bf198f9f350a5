package dev.runnel.functions.aggregate;

import dev.runnel.checkpointing.identity.RecordIdentity;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * One stream's shards in memory, routed by hash key as Kinesis routes them, which a test splits and merges behind a
 * producer's cached listing; PutRecords answers each entry's shard. Not thread-safe.
 */
final class ReshardingKinesis implements KinesisClient {
  static final BigInteger TOP = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

  /** A shard, its range, and what it holds. */
  record StoredShard(String id, BigInteger start, BigInteger end, List<String> parents, boolean[] open,
      List<PutRecordsRequestEntry> records, List<String> sequences) {}

  private final Map<String, StoredShard> shards = new LinkedHashMap<>();
  private int nextShard;
  private long sequence = 1_000;
  private int listCalls;
  private Predicate<PutRecordsRequestEntry> failing = entry -> false;
  private final String stream;
  private final Map<String, List<PutRecordsRequestEntry>> otherStreams = new LinkedHashMap<>();

  /** A stream of {@code count} shards splitting the hash keys evenly (any stream name). */
  ReshardingKinesis(int count) {
    this(null, count);
  }

  /**
   * Stream {@code stream} of {@code count} shards splitting the hash keys evenly; records put on other streams are
   * kept apart ({@link #other}), all answered as if on one shard.
   */
  ReshardingKinesis(String stream, int count) {
    this.stream = stream;
    BigInteger width = TOP.add(BigInteger.ONE).divide(BigInteger.valueOf(count));
    for (int i = 0; i < count; i++) {
      BigInteger start = width.multiply(BigInteger.valueOf(i));
      add(start, i == count - 1 ? TOP : start.add(width).subtract(BigInteger.ONE), List.of());
    }
  }

  private String add(BigInteger start, BigInteger end, List<String> parents) {
    String id = String.format("shardId-%012d", nextShard++);
    shards.put(id, new StoredShard(id, start, end, parents, new boolean[] {true}, new ArrayList<>(),
        new ArrayList<>()));
    return id;
  }

  /** Fails (once each time it is sent) every entry {@code failing} picks. */
  ReshardingKinesis failing(Predicate<PutRecordsRequestEntry> failing) {
    this.failing = failing;
    return this;
  }

  /** Splits {@code shard} at the middle of its range; returns the children's ids. */
  List<String> split(String shard) {
    StoredShard parent = shards.get(shard);
    parent.open()[0] = false;
    BigInteger middle = parent.start().add(parent.end()).shiftRight(1).add(BigInteger.ONE);
    return List.of(add(parent.start(), middle.subtract(BigInteger.ONE), List.of(shard)),
        add(middle, parent.end(), List.of(shard)));
  }

  /** Merges two adjacent open shards; returns the child's id. */
  String merge(String lower, String upper) {
    StoredShard a = shards.get(lower);
    StoredShard b = shards.get(upper);
    a.open()[0] = false;
    b.open()[0] = false;
    return add(a.start(), b.end(), List.of(lower, upper));
  }

  /** The records put on {@code other}, which is not the resharded stream. */
  List<PutRecordsRequestEntry> other(String other) {
    return otherStreams.getOrDefault(other, List.of());
  }

  Map<String, StoredShard> shards() {
    return shards;
  }

  int listCalls() {
    return listCalls;
  }

  @Override
  public PutRecordsResponse putRecords(PutRecordsRequest request) {
    List<PutRecordsResultEntry> results = new ArrayList<>();
    if (stream != null && !stream.equals(request.streamName())) {
      for (PutRecordsRequestEntry entry : request.records()) {
        otherStreams.computeIfAbsent(request.streamName(), s -> new ArrayList<>()).add(entry);
        results.add(PutRecordsResultEntry.builder().shardId("shardId-000000000000")
            .sequenceNumber(Long.toString(sequence++)).build());
      }
      return PutRecordsResponse.builder().failedRecordCount(0).records(results).build();
    }
    int failed = 0;
    for (PutRecordsRequestEntry entry : request.records()) {
      if (failing.test(entry)) {
        failed++;
        results.add(PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException")
            .errorMessage("Rate exceeded").build());
        continue;
      }
      BigInteger hash = new BigInteger(entry.explicitHashKey() != null ? entry.explicitHashKey()
          : RecordIdentity.explicitHashKey(entry.partitionKey()));
      StoredShard owner = shards.values().stream()
          .filter(s -> s.open()[0] && s.start().compareTo(hash) <= 0 && s.end().compareTo(hash) >= 0)
          .findFirst().orElseThrow();
      String number = Long.toString(sequence++);
      owner.records().add(entry);
      owner.sequences().add(number);
      results.add(PutRecordsResultEntry.builder().shardId(owner.id()).sequenceNumber(number).build());
    }
    return PutRecordsResponse.builder().failedRecordCount(failed).records(results).build();
  }

  @Override
  public ListShardsResponse listShards(ListShardsRequest request) {
    listCalls++;
    List<Shard> listed = new ArrayList<>();
    for (StoredShard shard : shards.values()) {
      Shard.Builder builder = Shard.builder().shardId(shard.id())
          .hashKeyRange(r -> r.startingHashKey(shard.start().toString()).endingHashKey(shard.end().toString()))
          .sequenceNumberRange(r -> r.startingSequenceNumber("1")
              .endingSequenceNumber(shard.open()[0] ? null : "999999999"));
      if (!shard.parents().isEmpty()) {
        builder.parentShardId(shard.parents().get(0));
      }
      if (shard.parents().size() > 1) {
        builder.adjacentParentShardId(shard.parents().get(1));
      }
      listed.add(builder.build());
    }
    return ListShardsResponse.builder().shards(listed).build();
  }

  @Override
  public String serviceName() {
    return "kinesis";
  }

  @Override
  public void close() {}
}
