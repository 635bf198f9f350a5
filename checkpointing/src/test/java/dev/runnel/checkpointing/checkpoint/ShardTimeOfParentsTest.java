package dev.runnel.checkpointing.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A child shard starts at the furthest of its parents' times, so a record late for a parent is late for it too. */
class ShardTimeOfParentsTest {
  @Test
  void takesTheFurthestOfEachPartAndOfEachProducersAnnouncementWithNoRoundPending() {
    ShardTime left = new ShardTime(100, 50, 120, 60, 130, 1_000, Map.of("up|a", 100L, "up|b", 140L));
    ShardTime right = new ShardTime(90, 70, ShardTime.NONE, ShardTime.NONE, 200, 900, Map.of("up|a", 110L));
    assertThat(ShardTime.ofParents(List.of(left, right)))
        .isEqualTo(new ShardTime(100, 70, ShardTime.NONE, ShardTime.NONE, 200, 1_000,
            Map.of("up|a", 110L, "up|b", 140L)));
  }

  @Test
  void parentsWithoutTimeAreLeftOutAndNoneGivesNone() {
    ShardTime only = new ShardTime(100, 50, ShardTime.NONE, ShardTime.NONE, 130, 1_000);
    assertThat(ShardTime.ofParents(Arrays.asList(null, only))).isEqualTo(only);
    assertThat(ShardTime.ofParents(Arrays.asList(null, null))).isNull();
  }
}
