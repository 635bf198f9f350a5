package dev.runnel.localrunner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.localrunner.run.jobs.BoundedTumblingCounts;
import dev.runnel.plan.Plan;
import dev.runnel.planner.Planner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** Declaring the end of input, against an in-memory progress table and a stand-in shard list. */
class EndOfInputTest {
  private static final long NOW = 1_900_000_000_000L;
  private final Plan plan = Planner.plan(BoundedTumblingCounts.class);
  private final InMemoryProgressStore progress = new InMemoryProgressStore();
  private final List<ListShardsRequest> listed = new ArrayList<>();

  private final List<String> markers = new ArrayList<>();

  /**
   * Three shards of te-in over two pages (one a closed parent after a split); the repartition stream tumble-eoi-key
   * has one open shard, where the markers go.
   */
  private final KinesisClient kinesis = new KinesisClient() {
    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
      if ("tumble-eoi-key".equals(request.streamName())) {
        return ListShardsResponse.builder().shards(Shard.builder().shardId("shardId-000000000000")
            .hashKeyRange(r -> r.startingHashKey("0").endingHashKey("340282366920938463463374607431768211455"))
            .build()).build();
      }
      listed.add(request);
      if (request.nextToken() == null) {
        assertThat(request.streamName()).isEqualTo("te-in");
        return ListShardsResponse.builder().shards(shard("shardId-000000000000"), shard("shardId-000000000001"))
            .nextToken("page-2").build();
      }
      return ListShardsResponse.builder().shards(shard("shardId-000000000002")).build();
    }

    @Override
    public software.amazon.awssdk.services.kinesis.model.PutRecordsResponse putRecords(
        software.amazon.awssdk.services.kinesis.model.PutRecordsRequest request) {
      assertThat(request.streamName()).isEqualTo("tumble-eoi-key");
      List<software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry> results = new ArrayList<>();
      request.records().forEach(entry -> {
        markers.add(entry.partitionKey() + " -> " + entry.explicitHashKey());
        results.add(software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry.builder()
            .shardId("shardId-000000000000").sequenceNumber(Integer.toString(results.size() + 1)).build());
      });
      return software.amazon.awssdk.services.kinesis.model.PutRecordsResponse.builder().failedRecordCount(0)
          .records(results).build();
    }

    @Override
    public String serviceName() {
      return "kinesis";
    }

    @Override
    public void close() {}
  };

  private static Shard shard(String id) {
    return Shard.builder().shardId(id).build();
  }

  @Test
  void appliesToJobsWithAStageReadingASourceWithEventTime() {
    assertThat(EndOfInput.applies(plan)).isTrue();
    assertThat(EndOfInput.sourceStages(plan)).extracting(s -> s.id()).containsExactly("tumble-eoi-1");
    assertThat(EndOfInput.applies(Planner.plan(dev.runnel.localrunner.run.jobs.Untimed.class))).isFalse();
  }

  @Test
  void publishesTheFinalWatermarkForEveryShardOfEverySourceStagesInput() {
    progress.publish(new ShardProgress("tumble-eoi-1", "shardId-000000000000", 1_800_000_000_000L, NOW - 5_000));
    List<ShardProgress> declared = new EndOfInput(plan, kinesis, progress,
        Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).declare();

    List<ShardProgress> expected = List.of(
        new ShardProgress("tumble-eoi-1", "shardId-000000000000", Long.MAX_VALUE, NOW),
        new ShardProgress("tumble-eoi-1", "shardId-000000000001", Long.MAX_VALUE, NOW),
        new ShardProgress("tumble-eoi-1", "shardId-000000000002", Long.MAX_VALUE, NOW));
    assertThat(declared).isEqualTo(expected);
    assertThat(progress.read("tumble-eoi-1")).isEqualTo(expected);
    assertThat(progress.read("tumble-eoi-2")).isEmpty();
    assertThat(listed).hasSize(2);
    assertThat(markers).as("each source shard announces the end in-band, on every shard of the stream it feeds")
        .containsExactly(
            "w1|tumble-eoi-1|shardId-000000000000|" + Long.MAX_VALUE + " -> 0",
            "w1|tumble-eoi-1|shardId-000000000001|" + Long.MAX_VALUE + " -> 0",
            "w1|tumble-eoi-1|shardId-000000000002|" + Long.MAX_VALUE + " -> 0");
  }

  @Test
  void aLaterPublishOfTheSourceStageCannotTakeItBack() {
    new EndOfInput(plan, kinesis, progress, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).declare();
    progress.publish(new ShardProgress("tumble-eoi-1", "shardId-000000000001", 1_800_000_059_000L, NOW + 1));
    assertThat(progress.read("tumble-eoi-1")).extracting(ShardProgress::watermark).containsOnly(Long.MAX_VALUE);
  }
}
