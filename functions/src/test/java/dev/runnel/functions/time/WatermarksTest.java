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

/** How a stage's watermark follows its source, or what its upstream shards announced in-band. */
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
  void theBoundIsSubtractedWithoutWrappingAroundAtTheFirstTimes() {
    Watermarks source = new Watermarks(new EventTimeSpec("at", 5_000, 0, null, null), progress, Map.of());
    ShardTime earliest = source.afterRecords(ShardTime.START, List.of(Long.MIN_VALUE + 1), NOW);
    assertThat(earliest.watermark()).as("before any time: still no watermark, not the year 292 million")
        .isEqualTo(ShardTime.NONE);
    assertThat(source.afterRecords(earliest, List.of(-1L), NOW).watermark()).isEqualTo(-5_001);
  }

  @Test
  void aDownstreamStageTakesTheMinimumAnnouncedInBandNotThePublishedRows() {
    Watermarks downstream = new Watermarks(null, progress, Map.of("up", 30_000L));
    assertThat(downstream.upstream(ShardTime.NONE, NOW, Map.of())).as("nothing published").isEqualTo(ShardTime.NONE);
    row("a", 500, NOW);
    row("b", 300, NOW);
    assertThat(downstream.upstream(ShardTime.NONE, NOW, Map.of("up|a", 500L)))
        .as("b published, but nothing of b was read: hold").isEqualTo(ShardTime.NONE);
    assertThat(downstream.upstream(ShardTime.NONE, NOW, Map.of("up|a", 450L, "up|b", 200L)))
        .as("what was read, not what was published").isEqualTo(200);
    assertThat(downstream.upstream(250, NOW, Map.of("up|a", 450L, "up|b", 200L))).as("never backwards")
        .isEqualTo(250);
  }

  @Test
  void recordsAreJudgedAgainstTheAnnouncementsOnlyOnceEveryPlannedUpstreamShardWasHeard() {
    Watermarks downstream = new Watermarks(null, progress, Map.of("up", 0L, "other", 0L), Map.of(),
        StreamShards.NONE, Map.of("up", 2, "other", 1));
    assertThat(downstream.judging(100, Map.of())).as("nothing heard").isEqualTo(100);
    assertThat(downstream.judging(100, Map.of("up|a", 500L, "other|x", 400L)))
        .as("up|b not heard yet: its records may be earlier than 400, so it holds the committed watermark")
        .isEqualTo(100);
    assertThat(downstream.judging(100, Map.of("up|a", 500L, "up|b", 300L, "other|x", 400L)))
        .as("every planned shard heard: the lowest announcement").isEqualTo(300);
    assertThat(downstream.judging(350, Map.of("up|a", 500L, "up|b", 300L, "other|x", 400L)))
        .as("never below the committed watermark").isEqualTo(350);
    assertThat(downstream.judging(100, Map.of("up|a", 500L, "up|b", 300L, "up|c", 450L)))
        .as("a resharded upstream's extra shards do not stand in for another upstream stage").isEqualTo(100);
  }

  @Test
  void anIdleShardIsLeftOutOnlyOnceItsLastAnnouncementWasRead() {
    Watermarks downstream = new Watermarks(null, progress, Map.of("up", 30_000L));
    row("a", 500, NOW + 31_000);
    row("b", 300, NOW);
    long later = NOW + 31_000;
    assertThat(downstream.upstream(ShardTime.NONE, later, Map.of("up|a", 500L, "up|b", 250L)))
        .as("b is idle but its last announcement (300) is unread").isEqualTo(250);
    assertThat(downstream.upstream(ShardTime.NONE, later, Map.of("up|a", 500L, "up|b", 300L)))
        .as("b is idle and fully read: left out").isEqualTo(500);
    assertThat(downstream.upstream(450, NOW + 70_000, Map.of("up|a", 500L, "up|b", 300L)))
        .as("all idle: holds").isEqualTo(450);
    row("c", Long.MAX_VALUE, NOW);
    assertThat(downstream.upstream(450, NOW + 70_000, Map.of("up|a", 500L, "up|b", 300L, "up|c", Long.MAX_VALUE)))
        .as("the end of input is never idle").isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aDrainedParentIsLeftOutOnceAChildPublishedAndItsLastAnnouncementWasRead() {
    StreamShards shards = new StreamShards() {
      @Override
      public Map<String, Set<String>> parents(String stream) {
        return Map.of("c1", Set.of("p"), "c2", Set.of("p"));
      }

      @Override
      public List<String> openShardStarts(String stream) {
        return List.of();
      }
    };
    Watermarks downstream = new Watermarks(null, progress, Map.of("up", 0L), Map.of("up", "up-in"), shards);
    row("p", 100, NOW);
    row("other", 900, NOW);
    Map<String, Long> read = new java.util.HashMap<>(Map.of("up|p", 100L, "up|other", 900L));
    assertThat(downstream.upstream(ShardTime.NONE, NOW, read)).as("no child yet: the parent holds").isEqualTo(100);
    row("c1", 400, NOW);
    read.put("up|c1", 400L);
    assertThat(downstream.upstream(ShardTime.NONE, NOW, read)).as("a child published: the parent is drained")
        .isEqualTo(400);
    read.put("up|p", 90L);
    assertThat(downstream.upstream(ShardTime.NONE, NOW, read)).as("the parent's last announcement is unread")
        .isEqualTo(90);
  }

  /**
   * A repartition shard split before its watermark moved: its row says NONE, it never wrote a marker, and a reader
   * shard it sent no record never hears from it. Found by the fault harness (a split of OrderRouting's stream by
   * customer held the windowed stage's shard at NONE forever, so its windows never fired).
   */
  @Test
  void aParentDrainedBeforeItsWatermarkMovedIsLeftOutUnheardOnceItsChildrenAreHeard() {
    StreamShards shards = new StreamShards() {
      @Override
      public Map<String, Set<String>> parents(String stream) {
        return Map.of("c1", Set.of("p"), "c2", Set.of("p"), "c3", Set.of("p2"));
      }

      @Override
      public List<String> openShardStarts(String stream) {
        return List.of();
      }
    };
    Watermarks downstream = new Watermarks(null, progress, Map.of("up", 0L), Map.of("up", "up-in"), shards);
    row("p", ShardTime.NONE, ShardTime.NONE);
    row("other", 900, NOW);
    Map<String, Long> read = new java.util.HashMap<>(Map.of("up|other", 900L));
    assertThat(downstream.upstream(ShardTime.NONE, NOW, read)).as("no child yet: the unheard parent holds")
        .isEqualTo(ShardTime.NONE);
    row("c1", 400, NOW);
    row("c2", 500, NOW);
    read.put("up|c1", 400L);
    assertThat(downstream.upstream(ShardTime.NONE, NOW, read)).as("a child published but c2 is unheard: hold")
        .isEqualTo(ShardTime.NONE);
    read.put("up|c2", 500L);
    assertThat(downstream.upstream(ShardTime.NONE, NOW, read)).as("both children heard: the parent is left out")
        .isEqualTo(400);
    row("p2", 100, NOW);
    row("c3", 700, NOW);
    read.put("up|c3", 700L);
    assertThat(downstream.upstream(ShardTime.NONE, NOW, read)).as("a drained parent that announced, unheard, holds")
        .isEqualTo(ShardTime.NONE);
  }

  @Test
  void anOpenUpstreamShardWithoutARowYetHoldsTheWatermarkUntilItPublishesOrForItsIdleAfter() {
    StreamShards shards = new StreamShards() {
      @Override
      public Map<String, Set<String>> parents(String stream) {
        return Map.of();
      }

      @Override
      public List<String> openShardStarts(String stream) {
        return List.of();
      }

      @Override
      public List<String> openShards(String stream) {
        return List.of("a", "slow");
      }
    };
    Watermarks downstream = new Watermarks(null, progress, Map.of("up", 30_000L), Map.of("up", "up-in"), shards);
    row("a", 900, NOW);
    Map<String, Long> read = new java.util.HashMap<>(Map.of("up|a", 900L));
    assertThat(downstream.upstream(100, NOW, read))
        .as("shard 'slow' is still in its first batch (a slow model call): its records would all be late").isEqualTo(100);
    assertThat(downstream.upstream(100, NOW + 30_000, read)).as("not yet for idleAfter").isEqualTo(100);
    row("slow", 300, NOW + 20_000);
    read.put("up|slow", 300L);
    assertThat(downstream.upstream(100, NOW + 30_000, read)).as("it published").isEqualTo(300);

    Watermarks another = new Watermarks(null, progress, Map.of("up", 30_000L), Map.of("up", "up-in"),
        new StreamShards() {
          @Override
          public Map<String, Set<String>> parents(String stream) {
            return Map.of();
          }

          @Override
          public List<String> openShardStarts(String stream) {
            return List.of();
          }

          @Override
          public List<String> openShards(String stream) {
            return List.of("a", "slow", "never");
          }
        });
    assertThat(another.upstream(100, NOW, read)).as("'never' has no row yet").isEqualTo(100);
    assertThat(another.upstream(100, NOW + 30_001, read))
        .as("a shard without a row for idleAfter is idle, like a quiet one").isEqualTo(300);
  }
}
