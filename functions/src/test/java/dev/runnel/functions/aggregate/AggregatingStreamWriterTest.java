package dev.runnel.functions.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.fixtures.SettableClock;
import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.output.WriteResult;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.functions.time.KinesisStreamShards;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The producer side: a batch packed per destination shard, and, when the cached shard map is stale (a split since
 * it was listed), the sub-records a child does not own sent again to their owner, so that the stream's readers,
 * skipping strays, see every record exactly once and each key's records in order.
 */
class AggregatingStreamWriterTest {
  private static final String STREAM = "job-route";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));

  private static List<StreamRecord> batch(int records, int keys, String tag) {
    List<StreamRecord> batch = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      String key = "k" + (i % keys);
      String identity = "r1|s-1|shardId-000000000000|" + tag + "|" + i + "|-";
      batch.add(new StreamRecord(STREAM, STREAM, identity,
          ("{\"key\":\"" + key + "\",\"i\":" + (Integer.parseInt(tag) * 10_000 + i) + "}").getBytes(StandardCharsets.UTF_8),
          RecordIdentity.explicitHashKey(key)));
    }
    return batch;
  }

  /** What the readers of every shard see, each expanding its own shard's records and skipping strays. */
  private static List<InputRecord> readEveryShard(ReshardingKinesis kinesis, AggregatedInput input) {
    List<InputRecord> seen = new ArrayList<>();
    for (ReshardingKinesis.StoredShard shard : kinesis.shards().values()) { // parents before children
      List<InputRecord> delivered = new ArrayList<>();
      for (int i = 0; i < shard.records().size(); i++) {
        PutRecordsRequestEntry entry = shard.records().get(i);
        delivered.add(new InputRecord(shard.id(), shard.sequences().get(i), entry.partitionKey(),
            entry.data().asByteArray(), 0));
      }
      seen.addAll(input.expand(delivered));
    }
    return seen;
  }

  private static void assertEachRecordOnceInKeyOrder(List<InputRecord> seen, List<StreamRecord> sent) {
    assertThat(seen).extracting(InputRecord::partitionKey)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(StreamRecord::partitionKey).toList());
    Map<String, Integer> lastIndex = new HashMap<>();
    for (InputRecord record : seen) {
      String json = new String(record.data(), StandardCharsets.UTF_8);
      String key = json.substring(json.indexOf("\"key\":\"") + 7, json.indexOf("\",\"i\""));
      int index = Integer.parseInt(json.substring(json.indexOf("\"i\":") + 4, json.length() - 1));
      Integer before = lastIndex.put(key, index);
      assertThat(before == null || before < index).as("key %s: %s after %s", key, index, before).isTrue();
    }
  }

  @Test
  void aBatchBecomesOneAggregatePerShardAndEveryRecordIsReadOnce() {
    ReshardingKinesis kinesis = new ReshardingKinesis(4);
    KinesisStreamShards listing = new KinesisStreamShards(kinesis, clock);
    AggregatingStreamWriter writer = new AggregatingStreamWriter(
        new KinesisRecordWriter(kinesis, RetryPolicy.immediate(3)), listing, Set.of(STREAM));
    List<StreamRecord> sent = batch(1_000, 40, "7");

    WriteResult result = writer.put(STREAM, sent);

    assertThat(result.failed()).isEmpty();
    assertThat(result.stats().putRecordsCalls()).isEqualTo(1);
    assertThat(writer.aggregatesPut()).isEqualTo(4);
    assertThat(kinesis.shards().values()).allSatisfy(s -> assertThat(s.records()).hasSize(1));
    AggregatedInput input = new AggregatedInput(STREAM, new KinesisStreamShards(kinesis, clock));
    assertEachRecordOnceInKeyOrder(readEveryShard(kinesis, input), sent);
    assertThat(input.strayCopies()).isZero();
  }

  @Test
  void strayedSubRecordsOfAStaleMapAreSentAgainToTheirOwnerAndSkippedWhereTheyStrayed() {
    ReshardingKinesis kinesis = new ReshardingKinesis(2);
    KinesisStreamShards listing = new KinesisStreamShards(kinesis, clock);
    AggregatingStreamWriter writer = new AggregatingStreamWriter(
        new KinesisRecordWriter(kinesis, RetryPolicy.immediate(3)), listing, Set.of(STREAM));
    List<StreamRecord> first = batch(300, 30, "7");
    writer.put(STREAM, first);
    kinesis.split("shardId-000000000000"); // behind the producer's cached listing (a minute old at most)
    kinesis.split("shardId-000000000001");
    List<StreamRecord> second = batch(600, 30, "8");

    WriteResult result = writer.put(STREAM, second);

    assertThat(result.failed()).isEmpty();
    assertThat(writer.straysResent()).as("the keys of the upper children, sent to the lower ones first").isPositive();
    AggregatedInput input = new AggregatedInput(STREAM, new KinesisStreamShards(kinesis, clock));
    List<StreamRecord> all = new ArrayList<>(first);
    all.addAll(second);
    assertEachRecordOnceInKeyOrder(readEveryShard(kinesis, input), all);
    assertThat(input.strayCopies()).isEqualTo(writer.straysResent());

    long before = writer.straysResent();
    writer.put(STREAM, batch(300, 30, "9")); // the map is fresh now: no strays
    assertThat(writer.straysResent()).isEqualTo(before);
  }

  @Test
  void aMergeBehindTheMapNeedsNoResend() {
    ReshardingKinesis kinesis = new ReshardingKinesis(2);
    KinesisStreamShards listing = new KinesisStreamShards(kinesis, clock);
    AggregatingStreamWriter writer = new AggregatingStreamWriter(
        new KinesisRecordWriter(kinesis, RetryPolicy.immediate(3)), listing, Set.of(STREAM));
    List<StreamRecord> first = batch(100, 10, "7");
    writer.put(STREAM, first);
    kinesis.merge("shardId-000000000000", "shardId-000000000001");
    List<StreamRecord> second = batch(100, 10, "8");

    assertThat(writer.put(STREAM, second).failed()).isEmpty();

    assertThat(writer.straysResent()).isZero();
    List<StreamRecord> all = new ArrayList<>(first);
    all.addAll(second);
    assertEachRecordOnceInKeyOrder(readEveryShard(kinesis, new AggregatedInput(STREAM,
        new KinesisStreamShards(kinesis, clock))), all);
  }

  @Test
  void aFailedAggregateIsResentWhole() {
    int[] failures = {2};
    ReshardingKinesis kinesis = new ReshardingKinesis(2).failing(entry -> failures[0]-- > 0);
    AggregatingStreamWriter writer = new AggregatingStreamWriter(
        new KinesisRecordWriter(kinesis, RetryPolicy.immediate(3)), new KinesisStreamShards(kinesis, clock),
        Set.of(STREAM));
    List<StreamRecord> sent = batch(200, 20, "7");

    WriteResult result = writer.put(STREAM, sent);

    assertThat(result.failed()).isEmpty();
    assertThat(result.stats().putRecordsEntriesRetried()).isEqualTo(2);
    assertEachRecordOnceInKeyOrder(readEveryShard(kinesis, new AggregatedInput(STREAM,
        new KinesisStreamShards(kinesis, clock))), sent);
  }

  @Test
  void aStreamNotAggregatedGetsPlainRecords() {
    ReshardingKinesis kinesis = new ReshardingKinesis(2);
    AggregatingStreamWriter writer = new AggregatingStreamWriter(
        new KinesisRecordWriter(kinesis, RetryPolicy.immediate(3)), new KinesisStreamShards(kinesis, clock),
        Set.of("another"));
    writer.put(STREAM, batch(10, 5, "7"));
    assertThat(kinesis.shards().values().stream().mapToInt(s -> s.records().size()).sum()).isEqualTo(10);
    assertThat(writer.aggregatesPut()).isZero();
  }
}
