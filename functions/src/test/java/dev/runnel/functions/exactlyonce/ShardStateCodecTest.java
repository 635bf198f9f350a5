package dev.runnel.functions.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.state.CommittedKeyState;
import dev.runnel.functions.state.KeyStateCodec;
import dev.runnel.statestore.statelog.StateLogStore;
import dev.runnel.statestore.timers.TimerEntry;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored form of a state log entry or snapshot. */
class ShardStateCodecTest {
  private final KeyStateCodec keys = new KeyStateCodec(List.of());
  private final ShardStateCodec codec = new ShardStateCodec(keys);

  @Test
  void anEntryReadsBackAsWritten() {
    CommittedKeyState state = new CommittedKeyState("k1", null, Map.of(), AppliedIdentities.EMPTY);
    AppliedIdentities memory = AppliedIdentities.EMPTY
        .with(new RecordIdentity("up-1", "shardId-000000000000", "120", 0, "110"))
        .with(new RecordIdentity("up-1", "shardId-000000000001+t", "130", 2, "-"));
    List<TimerEntry> timers = List.of(new TimerEntry(TimerEntry.Domain.EVENT_TIME, 10, "k1"),
        new TimerEntry(TimerEntry.Domain.PROCESSING_TIME, 5, "k2"), new TimerEntry(TimerEntry.Domain.EVENT_TIME, 10, "k3"),
        new TimerEntry(TimerEntry.Domain.EVENT_TIME, Long.MIN_VALUE, "ключ"));
    ShardChanges changes = new ShardChanges(List.of(new ShardChanges.KeyChange("k1", state, keys.encode(state)),
        new ShardChanges.KeyChange("gone", null, null)), memory, new ShardChanges.FiredThrough(9, Long.MIN_VALUE),
        timers);

    ShardChanges read = codec.decode(codec.encode(changes), "a test entry");

    assertThat(read.keys()).extracting(ShardChanges.KeyChange::key).containsExactly("k1", "gone");
    assertThat(read.keys().get(0).state()).isEqualTo(state);
    assertThat(read.keys().get(1).state()).isNull();
    assertThat(read.identities()).isEqualTo(memory);
    assertThat(read.firedThrough()).isEqualTo(changes.firedThrough());
    assertThat(read.registered()).containsExactlyInAnyOrderElementsOf(timers);
  }

  @Test
  void largeChangesSplitIntoPartsOfAtMostTheLargestAndJoinAgain() {
    byte[] bytes = new byte[StateLogStore.MAX_PART_BYTES * 2 + 17];
    new Random(3).nextBytes(bytes);
    List<byte[]> parts = ShardStateCodec.split(bytes);
    assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(StateLogStore.MAX_PART_BYTES));
    assertThat(ShardStateCodec.join(parts)).isEqualTo(bytes);
    assertThat(ShardStateCodec.split(new byte[0])).hasSize(1);
  }

  @Test
  void bytesThatAreNotAnEntryFailNamingTheItems() {
    assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3}, "entry 7/abc of stage s on shard x"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("entry 7/abc of stage s on shard x");
  }
}
