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

  /** Three shards of te-in over two pages (one a closed parent after a split); nothing else. */
  private final KinesisClient kinesis = new KinesisClient() {
    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
      listed.add(request);
      if (request.nextToken() == null) {
        assertThat(request.streamName()).isEqualTo("te-in");
        return ListShardsResponse.builder().shards(shard("shardId-000000000000"), shard("shardId-000000000001"))
            .nextToken("page-2").build();
      }
      return ListShardsResponse.builder().shards(shard("shardId-000000000002")).build();
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
  }

  @Test
  void aLaterPublishOfTheSourceStageCannotTakeItBack() {
    new EndOfInput(plan, kinesis, progress, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).declare();
    progress.publish(new ShardProgress("tumble-eoi-1", "shardId-000000000001", 1_800_000_059_000L, NOW + 1));
    assertThat(progress.read("tumble-eoi-1")).extracting(ShardProgress::watermark).containsOnly(Long.MAX_VALUE);
  }
}
