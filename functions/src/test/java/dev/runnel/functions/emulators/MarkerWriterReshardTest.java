package dev.runnel.functions.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.emulators.KinesisLocal;
import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.retry.RetryPolicy;
import dev.runnel.functions.time.KinesisStreamShards;
import dev.runnel.functions.time.MarkerWriter;
import dev.runnel.functions.time.WatermarkMarker;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A stage's watermark markers after the stream it feeds was resharded behind its cached shard listing, on
 * kinesis-local: every open shard must still hear every announcement. Found by the fault harness splitting a
 * repartition stream (OrderRouting, seed 1203): the split's upper child never heard the end of input, so its reader's
 * windows never fired.
 */
class MarkerWriterReshardTest {
  private static KinesisLocal kinesisLocal;
  private static KinesisClient kinesis;

  @BeforeAll
  static void start() {
    kinesisLocal = new KinesisLocal().start();
    kinesis = kinesisLocal.client();
  }

  @AfterAll
  static void stop() {
    kinesisLocal.close();
  }

  @Test
  void announcementsReachBothChildrenOfASplitTheCachedListingDoesNotKnow() {
    String stream = "markers-split";
    kinesis.createStream(b -> b.streamName(stream).shardCount(2));
    awaitActive(stream);
    MarkerWriter markers = writer(stream);
    assertThat(markers.announce(new WatermarkMarker("up", "shardId-000000000000", 1_000))).isTrue();

    Shard second = openShards(stream).get(1);
    BigInteger start = new BigInteger(second.hashKeyRange().startingHashKey());
    BigInteger end = new BigInteger(second.hashKeyRange().endingHashKey());
    kinesis.splitShard(b -> b.streamName(stream).shardToSplit(second.shardId())
        .newStartingHashKey(start.add(end).shiftRight(1).toString()));
    awaitActive(stream);
    assertThat(markers.announce(new WatermarkMarker("up", "shardId-000000000000", 2_000))).isTrue();

    Map<String, List<Long>> heard = markersByOpenShard(stream);
    assertThat(heard).hasSize(3);
    assertThat(heard.values()).as("markers per open shard %s", heard).allSatisfy(w -> assertThat(w).contains(2_000L));
  }

  @Test
  void announcementsReachTheChildOfAMerge() {
    String stream = "markers-merge";
    kinesis.createStream(b -> b.streamName(stream).shardCount(2));
    awaitActive(stream);
    MarkerWriter markers = writer(stream);
    assertThat(markers.announce(new WatermarkMarker("up", "shardId-000000000000", 1_000))).isTrue();

    List<Shard> open = openShards(stream);
    kinesis.mergeShards(b -> b.streamName(stream).shardToMerge(open.get(0).shardId())
        .adjacentShardToMerge(open.get(1).shardId()));
    awaitActive(stream);
    assertThat(markers.announce(new WatermarkMarker("up", "shardId-000000000000", 2_000))).isTrue();

    Map<String, List<Long>> heard = markersByOpenShard(stream);
    assertThat(heard).hasSize(1);
    assertThat(heard.values()).allSatisfy(w -> assertThat(w).contains(2_000L));
  }

  private static MarkerWriter writer(String stream) {
    return new MarkerWriter(new KinesisRecordWriter(kinesis, RetryPolicy.DEFAULT),
        new KinesisStreamShards(kinesis, Clock.systemUTC()), List.of(stream));
  }

  private static List<Shard> openShards(String stream) {
    return kinesis.listShards(b -> b.streamName(stream)).shards().stream()
        .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).toList();
  }

  /** The watermarks of the markers each open shard holds, by shard id. */
  private static Map<String, List<Long>> markersByOpenShard(String stream) {
    Map<String, List<Long>> heard = new TreeMap<>();
    for (Shard shard : openShards(stream)) {
      String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      List<Long> watermarks = new ArrayList<>();
      for (Record record : kinesis.getRecords(b -> b.shardIterator(iterator)).records()) {
        WatermarkMarker.parse(record.partitionKey()).ifPresent(m -> watermarks.add(m.watermark()));
      }
      heard.put(shard.shardId(), watermarks);
    }
    return heard;
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
