package dev.runnel.checkpointing.sourceid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.checkpoint.InMemoryCheckpointStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rebuilding a shard's memory from the chain of its segments, and from its parents' after a reshard. */
class SeenIdsLoaderTest {
  private static final long WINDOW = 600_000;
  private static final long T0 = 1_800_000_000_000L;

  private final InMemoryIdSegmentStore segments = new InMemoryIdSegmentStore();
  private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();

  private void committed(String shard, String from, String to, long newest, String... ids) {
    segments.write(new IdSegment("s-1", shard, to, from, newest,
        java.util.Arrays.stream(ids).map(id -> new SeenId(IdHash.of(id), newest)).toList()));
    checkpoints.commit("s-1", shard, from, to);
  }

  private static boolean isCopy(SeenIds memory, String id, String sequence, long arrival) {
    return memory.batch().isCopy(IdHash.of(id), sequence, arrival);
  }

  @Test
  void followsTheChainBackToTheWindowAndNoFurther() {
    committed("sh-0", null, "10", T0, "old");
    committed("sh-0", "10", "20", T0 + WINDOW + SeenIds.SLACK_MILLIS + 5, "a");
    committed("sh-0", "20", "30", T0 + WINDOW + SeenIds.SLACK_MILLIS + 10, "b");
    long before = segments.counters().reads();
    SeenIds memory = new SeenIdsLoader(segments, checkpoints, shard -> Set.of()).load("s-1", "sh-0", "30", WINDOW);
    assertThat(segments.counters().reads() - before).as("one read per segment, and the one past the window")
        .isEqualTo(3);
    long now = T0 + WINDOW + SeenIds.SLACK_MILLIS + 20;
    assertThat(isCopy(memory, "a", "31", now)).isTrue();
    assertThat(isCopy(memory, "b", "31", now)).isTrue();
    assertThat(isCopy(memory, "old", "31", now)).isFalse();
    assertThat(memory.covers("30")).isTrue();
  }

  @Test
  void aChildShardRemembersTheIdsOfItsParents() {
    committed("parent-a", null, "5", T0, "a1");
    committed("parent-a", "5", "9", T0 + 1, "a2");
    committed("parent-b", null, "7", T0 + 2, "b1");
    Map<String, Set<String>> lineage = Map.of("child", Set.of("parent-a", "parent-b"));
    SeenIdsLoader loader = new SeenIdsLoader(segments, checkpoints, s -> lineage.getOrDefault(s, Set.of()));

    SeenIds first = loader.load("s-1", "child", null, WINDOW);
    assertThat(List.of("a1", "a2", "b1").stream().allMatch(id -> isCopy(first, id, "1", T0 + 10))).isTrue();
    assertThat(isCopy(first, "c", "1", T0 + 10)).isFalse();

    committed("child", null, "3", T0 + 20, "c");
    SeenIds later = loader.load("s-1", "child", "3", WINDOW);
    assertThat(isCopy(later, "a1", "4", T0 + 30)).as("through the child's first segment to its parents").isTrue();
    assertThat(isCopy(later, "c", "4", T0 + 30)).isTrue();
  }

  @Test
  void aCheckpointWithoutASegmentIsAShardThatHadNoIdsBefore() {
    checkpoints.commit("s-1", "sh-0", null, "10");
    SeenIds memory = new SeenIdsLoader(segments, checkpoints, s -> Set.of()).load("s-1", "sh-0", "10", WINDOW);
    assertThat(memory.size()).isZero();
  }
}
