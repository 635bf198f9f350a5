package dev.runnel.functions.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.job.JobClasses;
import dev.runnel.functions.state.KeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.functions.state.RecordPosition;
import dev.runnel.functions.state.StateBinding;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateSpec;
import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.memory.InMemoryStateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The warm cache of decoded key states: it serves what the store holds, and only what was written. */
class CommittedKeysTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);
  private static final long NOW = CLOCK.millis();
  private static final String SHARD = "shardId-000000000000";
  private static final StateBinding COUNT = binding("count", 0);
  private static final StateBinding RECENT = binding("recent", 60);
  private static final StateKey KEY = new StateKey("stage-1", "u1");

  private final InMemoryStateStore store = new InMemoryStateStore(CLOCK);
  private final KeyStateCodec codec = new KeyStateCodec(List.of(COUNT, RECENT));

  private static StateBinding binding(String name, long ttlSeconds) {
    return StateBinding.of(new StateSpec(name, "op", StateKind.VALUE, "states", List.of("java.lang.Long"), null,
        ttlSeconds), JobClasses.ofCurrentThread());
  }

  private CommittedKeys keys() {
    return new CommittedKeys("stage-1", store, codec, CLOCK);
  }

  /** Applies record {@code sequence} (with an upstream identity) to the key: count = {@code count}. */
  private static void apply(KeyState key, long sequence, long count, long atMillis) {
    key.put(COUNT, count, atMillis);
    key.put(RECENT, sequence, atMillis);
    key.applied(new RecordPosition(SHARD, String.valueOf(sequence)),
        new RecordIdentity("up", "shardId-000000000001", String.valueOf(900 + sequence), 0, "-"));
  }

  private static Map<String, Object> values(KeyState key, long atMillis) {
    return Map.of("count", String.valueOf(key.value(COUNT, atMillis)), "recent",
        String.valueOf(key.value(RECENT, atMillis)), "version", key.version(),
        "copy", key.alreadyApplied(new RecordIdentity("up", "shardId-000000000001", "901", 0, "-")));
  }

  @Test
  void aWarmLoadServesWhatAColdLoadDecodesWithoutReadingTheStore() {
    CommittedKeys warm = keys();
    KeyState key = warm.load(Set.of(KEY)).get("u1");
    apply(key, 1, 1, NOW - 120_000); // "recent" expires (60 s) before the write at NOW: it is not stored
    warm.write(warm.prepare(Map.of("u1", key), NOW), SHARD);
    long reads = store.counters().requests();

    KeyState fromCache = warm.load(Set.of(KEY)).get("u1");

    assertThat(store.counters().requests()).as("a warm load reads nothing").isEqualTo(reads);
    KeyState fromStore = keys().load(Set.of(KEY)).get("u1");
    assertThat(values(fromCache, NOW)).isEqualTo(values(fromStore, NOW))
        .containsEntry("count", "1").containsEntry("recent", "null").containsEntry("copy", true);
    assertThat(values(fromCache, 0)).as("an expired state is gone from the cache too, as from the item")
        .isEqualTo(values(fromStore, 0));
  }

  @Test
  void whatABatchChangedReachesTheCacheOnlyOnceWritten() {
    CommittedKeys warm = keys();
    KeyState first = warm.load(Set.of(KEY)).get("u1");
    apply(first, 1, 1, NOW);
    warm.write(warm.prepare(Map.of("u1", first), NOW), SHARD);

    // an attempt that changes the key and prepares its write, then fails before writing (its outputs failed)
    KeyState failed = warm.load(Set.of(KEY)).get("u1");
    apply(failed, 2, 2, NOW);
    warm.prepare(Map.of("u1", failed), NOW);
    KeyState retry = warm.load(Set.of(KEY)).get("u1");

    assertThat(values(retry, NOW)).as("the retry starts from the committed state, not the failed attempt's")
        .containsEntry("count", "1").containsEntry("version", SHARD + "/1");
    assertThat(retry.changed()).isFalse();
    apply(retry, 2, 2, NOW);
    warm.write(warm.prepare(Map.of("u1", retry), NOW), SHARD);
    assertThat(values(keys().load(Set.of(KEY)).get("u1"), NOW)).containsEntry("count", "2");
  }

  @Test
  void aWorkingCopyChangedInPlaceLeavesTheCachedStateAsWritten() {
    CommittedKeys warm = keys();
    KeyState first = warm.load(Set.of(KEY)).get("u1");
    apply(first, 1, 1, NOW);
    warm.write(warm.prepare(Map.of("u1", first), NOW), SHARD);

    KeyState copy = warm.load(Set.of(KEY)).get("u1");
    copy.put(COUNT, 99L, NOW);
    copy.put(RECENT, null, NOW);
    first.put(COUNT, 98L, NOW); // the written working copy itself, changed after its write

    assertThat(values(warm.load(Set.of(KEY)).get("u1"), NOW)).containsEntry("count", "1")
        .containsEntry("recent", "1");
  }
}
