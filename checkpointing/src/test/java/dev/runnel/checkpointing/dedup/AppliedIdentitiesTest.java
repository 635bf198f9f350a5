package dev.runnel.checkpointing.dedup;

import static dev.runnel.checkpointing.dedup.AppliedIdentities.ZOMBIE_HORIZON_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AppliedIdentitiesTest {
  private static final long T0 = 1_780_000_000_000L;
  private static final long MINUTE = 60_000L;

  /** The output {@code index} of input record {@code seq} of producer {@code up|shard}, sent with {@code committed}. */
  private static RecordIdentity id(String shard, long seq, int index, String committed) {
    return new RecordIdentity("up", shard, Long.toString(seq), index, committed);
  }

  private static RecordIdentity id(long seq, int index, String committed) {
    return id("shard-1", seq, index, committed);
  }

  /** What a keyed stage does with one arriving record: apply it unless the memory has it; true if applied. */
  private static final class Key {
    AppliedIdentities memory = AppliedIdentities.EMPTY;
    final List<RecordIdentity> applied = new ArrayList<>();

    boolean arrive(RecordIdentity id, long arrival) {
      if (memory.contains(id)) {
        return false;
      }
      memory = memory.with(id, arrival);
      applied.add(id);
      return true;
    }
  }

  @Test
  void emptyMemoryContainsNothing() {
    assertThat(AppliedIdentities.EMPTY.contains(id(1, 0, "-"))).isFalse();
    assertThat(AppliedIdentities.EMPTY.size()).isZero();
  }

  @Test
  void copiesResentByARetriedReSplitBatchAreDroppedWhateverTheirCommittedField() {
    Key key = new Key();
    // the upstream batch: inputs 10..19, two outputs each, sent while the producer had committed 9
    List<RecordIdentity> first = new ArrayList<>();
    for (long seq = 10; seq < 20; seq++) {
      first.add(id(seq, 0, "9"));
      first.add(id(seq, 1, "9"));
    }
    long arrival = T0;
    for (RecordIdentity id : first) {
      assertThat(key.arrive(id, arrival++)).isTrue();
    }
    // the batch failed after its outputs were sent; Lambda bisected it: second half first, then the first half,
    // a zombie of the whole batch also wrote its last outputs; the new sequence numbers do not matter
    List<RecordIdentity> replays = new ArrayList<>();
    replays.addAll(first.subList(10, 20));
    replays.addAll(first.subList(0, 10));
    replays.addAll(first.subList(16, 20));
    for (RecordIdentity replay : replays) {
      RecordIdentity resent = id(Long.parseLong(replay.sequenceNumber()), replay.index(), "-");
      assertThat(key.arrive(resent, arrival++)).as(resent.toString()).isFalse();
    }
    assertThat(key.applied).hasSize(20).doesNotHaveDuplicates();
    assertThat(key.memory.size()).isEqualTo(20);
  }

  @Test
  void outOfOrderOutputsOfOneProducerAreEachAppliedOnce() {
    Key key = new Key();
    assertThat(key.arrive(id(6, 0, "4"), T0)).isTrue();
    assertThat(key.arrive(id(5, 0, "4"), T0 + 1)).isTrue();
    assertThat(key.arrive(id(5, 1, "4"), T0 + 2)).isTrue();
    assertThat(key.arrive(id(6, 0, "4"), T0 + 3)).isFalse();
    assertThat(key.arrive(id(5, 0, "4"), T0 + 4)).isFalse();
    assertThat(key.arrive(id(5, 1, "4"), T0 + 5)).isFalse();
    assertThat(key.applied).hasSize(3);
  }

  @Test
  void theSameSequenceAndIndexFromAnotherStageOrShardIsAnotherRecord() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id("shard-1", 7, 0, "-"), T0);
    assertThat(memory.contains(id("shard-2", 7, 0, "-"))).isFalse();
    assertThat(memory.contains(new RecordIdentity("other", "shard-1", "7", 0, "-"))).isFalse();
    assertThat(memory.contains(id("shard-1", 7, 1, "-"))).isFalse();
    assertThat(memory.contains(id("shard-1", 7, 0, "6"))).isTrue();
  }

  @Test
  void withLeavesTheOriginalUnchanged() {
    AppliedIdentities before = AppliedIdentities.EMPTY.with(id(1, 0, "-"), T0);
    AppliedIdentities after = before.with(id(2, 0, "1"), T0 + 1);
    assertThat(before.contains(id(2, 0, "-"))).isFalse();
    assertThat(before.size()).isEqualTo(1);
    assertThat(after.size()).isEqualTo(2);
  }

  @Test
  void anEntryIsForgottenOnlyOnceTheProducerCommittedPastItAndTheHorizonHasPassed() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id(100, 0, "-"), T0);

    // a commit past 100 by another producer, then much later: does not count
    memory = memory.with(id("shard-9", 500, 0, "1000"), T0 + MINUTE);
    memory = memory.with(id("shard-9", 501, 0, "1000"), T0 + 60 * MINUTE);
    assertThat(memory.contains(id(100, 0, "-"))).as("a second producer's commit").isTrue();

    // (b) alone: much later, but the producer has only committed 50
    memory = memory.with(id(120, 0, "50"), T0 + 61 * MINUTE);
    memory = memory.with(id(121, 0, "50"), T0 + 120 * MINUTE);
    assertThat(memory.contains(id(100, 0, "-"))).isTrue();

    // (a) alone: the producer committed 100, seen at t1, but the horizon has not passed
    long t1 = T0 + 121 * MINUTE;
    memory = memory.with(id(130, 0, "100"), t1);
    memory = memory.with(id(131, 0, "100"), t1 + 10 * MINUTE);
    assertThat(memory.contains(id(100, 0, "-"))).isTrue();
    assertThat(memory.with(id(132, 0, "100"), t1 + ZOMBIE_HORIZON_MILLIS + 1).contains(id(100, 0, "-")))
        .as("then both").isFalse();

    // both, but the horizon not strictly passed
    AppliedIdentities fresh = AppliedIdentities.EMPTY.with(id(100, 0, "-"), T0).with(id(130, 0, "100"), t1);
    assertThat(fresh.with(id(131, 0, "100"), t1 + ZOMBIE_HORIZON_MILLIS).contains(id(100, 0, "-"))).isTrue();
    AppliedIdentities pruned = fresh.with(id(131, 0, "100"), t1 + ZOMBIE_HORIZON_MILLIS + 1);
    assertThat(pruned.contains(id(100, 0, "-"))).isFalse();
    assertThat(pruned.contains(id(130, 0, "-"))).as("above the committed position").isTrue();
    assertThat(pruned.contains(id(131, 0, "-"))).isTrue();
    assertThat(pruned.size()).isEqualTo(2);
  }

  @Test
  void theHorizonRunsFromTheFirstRecordThatCarriedTheCommitNotTheLast() {
    long t1 = T0 + MINUTE;
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id(100, 0, "-"), T0)
        .with(id(101, 0, "100"), t1)
        .with(id(102, 0, "100"), t1 + 10 * MINUTE); // the same commit, seen again
    assertThat(memory.with(id(103, 0, "100"), t1 + ZOMBIE_HORIZON_MILLIS + 1).contains(id(100, 0, "-"))).isFalse();
  }

  @Test
  void anArrivalOfAnyProducerAdvancesTheClockOfAll() {
    long t1 = T0 + MINUTE;
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id(100, 0, "-"), T0).with(id(101, 0, "100"), t1)
        .with(id("shard-2", 7, 0, "-"), t1 + ZOMBIE_HORIZON_MILLIS + 1);
    assertThat(memory.contains(id(100, 0, "-"))).isFalse();
    assertThat(memory.contains(id(101, 0, "-"))).isTrue();
  }

  @Test
  void identitiesAboveTheCommittedPositionAreKeptHoweverOld() {
    AppliedIdentities memory = AppliedIdentities.EMPTY;
    for (long seq = 100; seq <= 110; seq++) {
      memory = memory.with(id(seq, 0, "99"), T0 + seq);
    }
    memory = memory.with(id(111, 0, "105"), T0 + MINUTE);
    memory = memory.with(id("shard-2", 1, 0, "-"), T0 + 24 * 60 * MINUTE);
    for (long seq = 100; seq <= 111; seq++) {
      assertThat(memory.contains(id(seq, 0, "-"))).as("seq " + seq).isEqualTo(seq > 105);
    }
    assertThat(memory.watermark("up|shard-1")).contains("105");
  }

  @Test
  void isDuplicateAlsoDropsForgottenCopiesAtOrBelowTheCommittedPosition() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id(100, 0, "-"), T0).with(id(101, 0, "100"), T0 + 1)
        .with(id(102, 0, "100"), T0 + ZOMBIE_HORIZON_MILLIS + 2);
    assertThat(memory.contains(id(100, 0, "-"))).isFalse();
    assertThat(memory.isDuplicate(id(100, 0, "-"))).isTrue();
    assertThat(memory.isDuplicate(id(99, 3, "-"))).isTrue();
    assertThat(memory.isDuplicate(id(101, 0, "-"))).isTrue();
    assertThat(memory.isDuplicate(id(101, 1, "-"))).isFalse();
    assertThat(memory.isDuplicate(id(103, 0, "100"))).isFalse();
    assertThat(memory.isDuplicate(id("shard-2", 1, 0, "-"))).isFalse();
  }

  @Test
  void aProducerWithNothingLeftToRememberIsDropped() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id("old-parent", 5, 0, "-"), T0)
        .with(id("old-parent", 6, 0, "6"), T0 + 1)
        .with(id("child", 1, 0, "-"), T0 + ZOMBIE_HORIZON_MILLIS + 2);
    assertThat(memory.data().producers()).extracting(AppliedIdentities.ProducerData::producer)
        .containsExactly("up|child");
  }

  @Test
  void manyCommitsWithinTheHorizonKeepFewMarksAndNeverForgetEarly() {
    // a hot producer: one record a second, committing every 10 s; check every entry against the exact rule
    AppliedIdentities memory = AppliedIdentities.EMPTY;
    Map<Long, Long> firstCoveredAt = new HashMap<>();
    TreeSet<Long> remembered = new TreeSet<>();
    long committed = -1;
    for (long seq = 0; seq < 4_000; seq++) {
      long arrival = T0 + seq * 1_000;
      if (seq % 10 == 0 && seq > 0) {
        committed = seq - 1;
      }
      memory = memory.with(id(seq, 0, committed < 0 ? "-" : Long.toString(committed)), arrival);
      remembered.add(seq);
      for (long s : remembered.headSet(committed, true).descendingSet()) {
        if (firstCoveredAt.putIfAbsent(s, arrival) != null) {
          break; // the older ones were covered before
        }
      }
      // what is forgotten is always the oldest part: check from the oldest up to the first still remembered
      for (var it = remembered.iterator(); it.hasNext(); ) {
        long s = it.next();
        if (memory.contains(id(s, 0, "-"))) {
          break;
        } else {
          assertThat(arrival - firstCoveredAt.get(s)).as("seq " + s + " forgotten early").isGreaterThan(
              ZOMBIE_HORIZON_MILLIS);
          assertThat(arrival - firstCoveredAt.get(s)).as("seq " + s + " forgotten late").isLessThan(
              ZOMBIE_HORIZON_MILLIS + 2 * MINUTE);
          it.remove();
        }
      }
      assertThat(memory.data().producers().get(0).marks()).hasSizeLessThanOrEqualTo(
          AppliedIdentities.MAX_MARKS_PER_PRODUCER);
    }
    assertThat(memory.size()).isLessThan(16 * 60 + 3 * 60);
  }

  @Test
  void aLongStreamFromThreeProducersKeepsTheMemoryBoundedAndAppliesEachIdentityOnce() {
    // 100,000 identities, one a second, from 3 producers whose commits advance batch by batch; zombie copies of
    // recent outputs (within Lambda's 15-minute timeout) are mixed in and must all be dropped
    Random random = new Random(42);
    Key key = new Key();
    String[] shards = {"shard-a", "shard-b", "shard-c"};
    long[] nextSeq = {1_000, 5_000, 9_000};
    String[] committed = {"-", "-", "-"};
    List<RecordIdentity> recent = new ArrayList<>();
    List<Long> recentArrival = new ArrayList<>();
    int sent = 0;
    int dropped = 0;
    int maxSize = 0;
    long arrival = T0;
    while (sent < 100_000) {
      int p = random.nextInt(3);
      int batch = 1 + random.nextInt(50);
      long last = 0;
      for (int r = 0; r < batch && sent < 100_000; r++) {
        long seq = nextSeq[p]++;
        int outputs = 1 + random.nextInt(2);
        for (int index = 0; index < outputs && sent < 100_000; index++) {
          RecordIdentity id = id(shards[p], seq, index, committed[p]);
          arrival += 1_000;
          assertThat(key.arrive(id, arrival)).isTrue();
          recent.add(id);
          recentArrival.add(arrival);
          sent++;
        }
        last = seq;
        if (random.nextInt(20) == 0 && !recent.isEmpty()) {
          // a zombie's copy of an output first sent less than 15 minutes ago
          int pick = recent.size() - 1 - random.nextInt(Math.min(recent.size(), 14 * 60));
          RecordIdentity original = recent.get(pick);
          arrival += 1_000;
          assertThat(arrival - recentArrival.get(pick)).isLessThan(15 * MINUTE);
          assertThat(key.arrive(id(original.shardId(), Long.parseLong(original.sequenceNumber()),
              original.index(), "-"), arrival)).as("zombie copy of " + original).isFalse();
          dropped++;
        }
      }
      committed[p] = Long.toString(last); // the producer commits its batch; later outputs carry it
      maxSize = Math.max(maxSize, key.memory.size());
      if (recent.size() > 20_000) {
        recent.subList(0, 10_000).clear();
        recentArrival.subList(0, 10_000).clear();
      }
    }
    assertThat(key.applied).hasSize(100_000);
    assertThat(new HashSet<>(key.applied.stream().map(i -> i.producer() + "/" + i.sequenceNumber() + "/" + i.index())
        .toList())).hasSize(100_000);
    assertThat(dropped).isGreaterThan(1_000);
    // one arrival a second: the memory holds at most the horizon's 960 s of arrivals plus an uncommitted batch or
    // two per producer (up to 100 outputs each)
    assertThat(maxSize).isLessThan(16 * 60 + 3 * 2 * 100);
    assertThat(key.memory.data().producers()).allSatisfy(p -> assertThat(p.marks()).hasSizeLessThanOrEqualTo(
        AppliedIdentities.MAX_MARKS_PER_PRODUCER));
  }

  @Test
  void dataRoundTripsThroughPlainValuesAndJackson() throws Exception {
    AppliedIdentities memory = AppliedIdentities.EMPTY;
    for (long seq = 1; seq <= 30; seq++) {
      memory = memory.with(id(seq % 2 == 0 ? "shard-1" : "shard-2", seq, (int) (seq % 3), seq > 10 ? "10" : "-"),
          T0 + seq * MINUTE);
    }
    assertThat(memory.size()).isLessThan(30).isGreaterThan(10); // some were forgotten: the data has both parts
    AppliedIdentities.Data data = memory.data();
    assertThat(AppliedIdentities.from(data)).isEqualTo(memory);

    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(data);
    AppliedIdentities read = AppliedIdentities.from(json.readValue(text, AppliedIdentities.Data.class));
    assertThat(read).isEqualTo(memory);
    assertThat(read.size()).isEqualTo(memory.size());
    for (long seq = 1; seq <= 30; seq++) {
      RecordIdentity id = id(seq % 2 == 0 ? "shard-1" : "shard-2", seq, (int) (seq % 3), "-");
      assertThat(read.contains(id)).isEqualTo(memory.contains(id));
    }
    // and it goes on exactly as the original would
    RecordIdentity next = id("shard-1", 40, 0, "30");
    assertThat(read.with(next, T0 + 60 * MINUTE)).isEqualTo(memory.with(next, T0 + 60 * MINUTE));
    assertThat(AppliedIdentities.from(new AppliedIdentities.Data(null))).isEqualTo(AppliedIdentities.EMPTY);
  }

  @Test
  void malformedDataIsRejected() {
    var badSequence = new AppliedIdentities.Data(List.of(new AppliedIdentities.ProducerData("up|s", List.of(),
        List.of(new AppliedIdentities.AppliedData("12a", List.of(0L))))));
    assertThatThrownBy(() -> AppliedIdentities.from(badSequence)).hasMessageContaining("'12a'");
    var decreasingMarks = new AppliedIdentities.Data(List.of(new AppliedIdentities.ProducerData("up|s",
        List.of(new AppliedIdentities.MarkData("5", T0), new AppliedIdentities.MarkData("4", T0)), List.of())));
    assertThatThrownBy(() -> AppliedIdentities.from(decreasingMarks)).hasMessageContaining("do not increase");
    var twice = new AppliedIdentities.Data(List.of(new AppliedIdentities.ProducerData("up|s", null, null),
        new AppliedIdentities.ProducerData("up|s", null, null)));
    assertThatThrownBy(() -> AppliedIdentities.from(twice)).hasMessageContaining("twice");
  }
}
