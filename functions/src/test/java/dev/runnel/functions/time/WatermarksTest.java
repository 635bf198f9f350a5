package dev.runnel.functions.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.checkpoint.ShardTime;
import dev.runnel.checkpointing.progress.InMemoryProgressStore;
import dev.runnel.checkpointing.progress.ShardProgress;
import dev.runnel.plan.EventTimeSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a stage's watermark follows its source or its upstream stages' published rows. */
class WatermarksTest {
  private static final long NOW = 1_000_000;
  private final InMemoryProgressStore progress = new InMemoryProgressStore();

  private void row(String shard, long watermark, long lastRecordMillis) {
    progress.publish(new ShardProgress("up", shard, watermark, lastRecordMillis));
  }

  @Test
  void aSourceStageFollowsItsHighestEventTimeMinusTheBoundAndNeverGoesBack() {
    Watermarks source = new Watermarks(new EventTimeSpec("at", 5_000, 0), progress, Map.of());
    ShardTime first = source.afterRecords(ShardTime.START, List.of(20_000L, 12_000L, StageClock.NONE), NOW);
    assertThat(first.watermark()).isEqualTo(15_000);
    assertThat(first.maxEventTime()).isEqualTo(20_000);
    assertThat(first.lastRecordMillis()).isEqualTo(NOW);
    assertThat(source.afterRecords(first, List.of(1_000L), NOW + 1).watermark()).isEqualTo(15_000);
  }

  @Test
  void aDownstreamStageTakesTheMinimumOverShardsThatAreNotIdle() {
    Watermarks downstream = new Watermarks(null, progress, Map.of("up", 30_000L));
    assertThat(downstream.upstream(ShardTime.NONE, NOW)).as("nothing published").isEqualTo(ShardTime.NONE);
    row("a", 500, NOW);
    row("b", 300, NOW - 29_000);
    assertThat(downstream.upstream(ShardTime.NONE, NOW)).isEqualTo(300);
    assertThat(downstream.upstream(ShardTime.NONE, NOW + 2_000)).as("b idle for 31 s").isEqualTo(500);
    assertThat(downstream.upstream(600, NOW)).as("never backwards").isEqualTo(600);
    assertThat(downstream.upstream(450, NOW + 31_000)).as("all idle: holds").isEqualTo(450);
  }

  @Test
  void aResplitParentIsLeftOutOnceAChildHasPublished() {
    ShardLineage lineage = stream -> Map.of("c1", Set.of("p"), "c2", Set.of("p"));
    Watermarks downstream = new Watermarks(null, progress, Map.of("up", 0L), Map.of("up", "up-in"), lineage);
    row("p", 100, NOW);
    row("other", 900, NOW);
    assertThat(downstream.upstream(ShardTime.NONE, NOW)).as("the parent, not yet drained, holds").isEqualTo(100);
    row("c1", 400, NOW);
    assertThat(downstream.upstream(ShardTime.NONE, NOW)).as("a child published: the parent is drained")
        .isEqualTo(400);
  }
}
