package dev.runnel.functions.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.emulators.KinesisLocal;
import dev.runnel.functions.aggregate.AggregateRecord;
import dev.runnel.functions.aggregate.AggregatedInput;
import dev.runnel.functions.aggregate.AggregatingStreamWriter;
import dev.runnel.functions.batch.InputRecord;
import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.requests.OperationRequests;
import dev.runnel.functions.requests.RequestCounter;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.functions.time.KinesisStreamShards;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The aggregating producer on kinesis-local: a batch before and a batch after a split its cached shard listing does
 * not know. Every record must be read exactly once, in key order, from the shard that owns it (readers skipping
 * strays), and the PUT payload units the request counter saw sent must equal those of the records the stream holds.
 */
class AggregatingStreamWriterEmulatorTest {
  private static KinesisLocal kinesisLocal;
  private static KinesisClient kinesis;
  private static final RequestCounter COUNTER = new RequestCounter();

  @BeforeAll
  static void start() {
    kinesisLocal = new KinesisLocal().start();
    kinesis = kinesisLocal.client(COUNTER);
  }

  @AfterAll
  static void stop() {
    kinesis.close();
    kinesisLocal.close();
  }

  private static List<StreamRecord> batch(String stream, int first, int count, int keys) {
    List<StreamRecord> batch = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      String key = "k" + (i % keys);
      batch.add(new StreamRecord(stream, stream, "r1|s-1|shardId-000000000000|" + (1000 + i / 100) + "|" + i + "|-",
          ("{\"key\":\"" + key + "\",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8),
          RecordIdentity.explicitHashKey(key)));
    }
    return batch;
  }

  @Test
  void aSplitBehindTheCachedListingLosesAndDuplicatesNothingAndPayloadUnitsMatchTheStream() {
    String stream = "aggregated-split";
    kinesis.createStream(b -> b.streamName(stream).shardCount(2));
    awaitActive(stream);
    AggregatingStreamWriter writer = new AggregatingStreamWriter(new KinesisRecordWriter(kinesis, RetryPolicy.DEFAULT),
        new KinesisStreamShards(kinesis, Clock.systemUTC()), Set.of(stream));
    List<StreamRecord> sent = new ArrayList<>(batch(stream, 0, 400, 40));
    assertThat(writer.put(stream, sent).failed()).isEmpty();

    Shard first = shards(stream).get(0);
    BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
    BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
    kinesis.splitShard(b -> b.streamName(stream).shardToSplit(first.shardId())
        .newStartingHashKey(start.add(end).shiftRight(1).toString()));
    awaitActive(stream);
    List<StreamRecord> after = batch(stream, 400, 400, 40);
    sent.addAll(after);
    assertThat(writer.put(stream, after).failed()).isEmpty();
    assertThat(writer.straysResent()).as("the keys of the upper child, first sent to the lower one").isPositive();

    AggregatedInput input = new AggregatedInput(stream, new KinesisStreamShards(kinesis, Clock.systemUTC()));
    List<InputRecord> seen = new ArrayList<>();
    long storedUnits = 0;
    int stored = 0;
    for (Shard shard : shards(stream)) { // in shard id order: the parent before its children
      List<InputRecord> delivered = new ArrayList<>();
      for (Record record : records(stream, shard.shardId())) {
        byte[] data = record.data().asByteArray();
        storedUnits += RequestCounter.payloadUnits(data.length, record.partitionKey());
        stored++;
        delivered.add(new InputRecord(shard.shardId(), record.sequenceNumber(), record.partitionKey(), data, 0));
      }
      seen.addAll(input.expand(delivered));
    }
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
    assertThat(input.strayCopies()).isEqualTo(writer.straysResent());
    assertThat(stored).as("aggregates, not 800 records").isLessThan(20);

    long sentUnits = COUNTER.snapshot().operations().stream()
        .filter(o -> o.service().equals(OperationRequests.KINESIS) && o.target().equals(stream))
        .mapToLong(OperationRequests::payloadUnits).sum();
    assertThat(sentUnits).as("PUT payload units sent").isEqualTo(storedUnits).isPositive();
    assertThat(AggregateRecord.isAggregate(records(stream, shards(stream).get(1).shardId()).get(0).data()
        .asByteArray())).isTrue();
  }

  private static List<Shard> shards(String stream) {
    return kinesis.listShards(b -> b.streamName(stream)).shards();
  }

  private static List<Record> records(String stream, String shard) {
    List<Record> all = new ArrayList<>();
    String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    while (iterator != null) {
      String current = iterator;
      GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(current));
      all.addAll(page.records());
      if (page.records().isEmpty() || page.millisBehindLatest() != null && page.millisBehindLatest() == 0
          && page.records().isEmpty()) {
        break;
      }
      iterator = page.nextShardIterator();
    }
    return all;
  }

  private static void awaitActive(String stream) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("stream " + stream + " did not become active");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
