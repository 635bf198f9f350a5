package dev.runnel.checkpointing.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppliedIdentitiesTest {
  private static RecordIdentity id(String shard, long sequence, int index, String committed) {
    return new RecordIdentity("up", shard, String.valueOf(sequence), index, committed);
  }

  private static RecordIdentity id(long sequence, int index) {
    return id("shardId-000000000000", sequence, index, RecordIdentity.NOTHING_COMMITTED);
  }

  @Test
  void aCopyFromARetriedOrResplitBatchIsADuplicateWhateverItsCommittedField() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id(10, 0)).with(id(10, 1)).with(id(11, 0));
    assertThat(memory.isDuplicate(id("shardId-000000000000", 10, 1, "7"))).isTrue();
    assertThat(memory.isDuplicate(id(11, 0))).isTrue();
    assertThat(memory.isDuplicate(id(11, 1))).as("another output of the same input").isFalse();
    assertThat(memory.isDuplicate(id("shardId-000000000009", 10, 0, "-"))).as("another producer").isFalse();
  }

  @Test
  void outOfOrderIdentitiesAreEachAppliedOnce() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id(6, 0));
    assertThat(memory.isDuplicate(id(5, 0))).isFalse();
    memory = memory.with(id(5, 0));
    assertThat(memory.isDuplicate(id(5, 0))).isTrue();
    assertThat(memory.isDuplicate(id(6, 0))).isTrue();
  }

  @Test
  void anythingAtOrBelowTheProducersCommittedPositionIsADuplicateEvenIfForgotten() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id(3, 0)).with(id(4, 0))
        .with(id("shardId-000000000000", 9, 0, "5"));
    assertThat(memory.watermark("up|shardId-000000000000")).contains("5");
    assertThat(memory.size()).as("3 and 4 are covered by the watermark; 9 is above it").isEqualTo(1);
    assertThat(memory.isDuplicate(id(3, 0))).isTrue();
    assertThat(memory.isDuplicate(id(5, 2))).as("a late copy of an output at the watermark").isTrue();
    assertThat(memory.isDuplicate(id(9, 0))).isTrue();
    assertThat(memory.isDuplicate(id(6, 0))).as("above the watermark and never applied").isFalse();
  }

  @Test
  void aLowerCommittedPositionNeverLowersTheWatermark() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id("shardId-000000000000", 20, 0, "15"))
        .with(id("shardId-000000000000", 12, 0, "8"));
    assertThat(memory.watermark("up|shardId-000000000000")).contains("15");
    assertThat(memory.isDuplicate(id(14, 0))).isTrue();
  }

  @Test
  void aLongStreamWithZombieCopiesIsAppliedExactlyOnceInBoundedMemory() {
    Random random = new Random(42);
    List<String> shards = List.of("shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
    long[] next = {1, 1, 1};
    long[] committed = {0, 0, 0};
    List<RecordIdentity> sent = new ArrayList<>();
    Set<String> applied = new HashSet<>();
    AppliedIdentities memory = AppliedIdentities.EMPTY;
    int maxSize = 0;
    int dropped = 0;
    for (int step = 0; step < 100_000; step++) {
      int p = random.nextInt(3);
      RecordIdentity fresh = id(shards.get(p), next[p]++, 0, committed[p] == 0 ? "-" : String.valueOf(committed[p]));
      // the producer commits in batches of about 100, lagging what it sends
      if (next[p] - committed[p] > 100 + random.nextInt(50)) {
        committed[p] = next[p] - 1 - random.nextInt(20);
      }
      List<RecordIdentity> arriving = new ArrayList<>(List.of(fresh));
      sent.add(fresh);
      if (random.nextInt(50) == 0) {
        arriving.add(sent.get(random.nextInt(sent.size()))); // a retry's or a zombie's copy, possibly very late
      }
      for (RecordIdentity id : arriving) {
        String key = id.shardId() + "/" + id.sequenceNumber();
        if (memory.isDuplicate(id)) {
          assertThat(applied).as("only copies are dropped").contains(key);
          dropped++;
        } else {
          assertThat(applied.add(key)).as("applied once: " + key).isTrue();
          memory = memory.with(id);
        }
      }
      maxSize = Math.max(maxSize, memory.size());
    }
    assertThat(applied).hasSize(100_000);
    assertThat(dropped).isGreaterThan(1_000);
    assertThat(maxSize).as("at most the producers' uncommitted outputs").isLessThan(3 * 200);
  }

  @Test
  void roundTripsThroughItsDataForm() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id(3, 0)).with(id(3, 2))
        .with(id("shardId-000000000005", 9, 0, "4")).with(id("shardId-000000000005", 10, 1, "4"));
    AppliedIdentities copy = AppliedIdentities.from(memory.data());
    assertThat(copy).isEqualTo(memory);
    assertThat(copy.isDuplicate(id(3, 2))).isTrue();
    assertThat(copy.isDuplicate(id("shardId-000000000005", 2, 0, "-"))).isTrue();
  }

  @Test
  void roundTripsThroughItsCompactTextAtAFractionOfTheSize() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      AppliedIdentities memory = AppliedIdentities.EMPTY;
      java.math.BigInteger base = new java.math.BigInteger("49680421447220647937038882312290477940160824251177238530");
      for (int i = 0; i < random.nextInt(40); i++) {
        String shard = "shardId-00000000000" + random.nextInt(3);
        java.math.BigInteger sequence = base.add(java.math.BigInteger.valueOf(random.nextInt(1_000_000))
            .shiftLeft(random.nextInt(60)));
        String committed = random.nextInt(4) == 0 ? base.add(java.math.BigInteger.valueOf(random.nextInt(500_000))
            .shiftLeft(40)).toString() : RecordIdentity.NOTHING_COMMITTED;
        memory = memory.with(new RecordIdentity("up-1", shard, sequence.toString(), random.nextInt(3), committed));
      }
      assertThat(AppliedIdentities.decode(memory.encode())).isEqualTo(memory);
    }
    AppliedIdentities typical = AppliedIdentities.EMPTY;
    java.math.BigInteger sequence = new java.math.BigInteger("49680421447220647937038882312290477940160824251177238530");
    for (int i = 0; i < 12; i++) {
      sequence = sequence.add(java.math.BigInteger.valueOf(3_000_000_000_000L + i));
      typical = typical.with(new RecordIdentity("up-1", "shardId-000000000000", sequence.toString(), 0,
          i == 0 ? RecordIdentity.NOTHING_COMMITTED : "49680421447220647937038882312290477940160824251177238530"));
    }
    int jsonish = typical.data().toString().length();
    assertThat(typical.encode().length()).as("compact form of %s", typical.encode()).isLessThan(jsonish / 3);
  }

  @Test
  void rejectsMalformedData() {
    var belowWatermark = new AppliedIdentities.Data(List.of(new AppliedIdentities.ProducerData("up|s", "10",
        List.of(new AppliedIdentities.AppliedData("9", List.of(0L))))));
    assertThatThrownBy(() -> AppliedIdentities.from(belowWatermark)).hasMessageContaining("below its watermark");
    var twice = new AppliedIdentities.Data(List.of(new AppliedIdentities.ProducerData("up|s", null,
        List.of(new AppliedIdentities.AppliedData("9", List.of(0L, 0L))))));
    assertThatThrownBy(() -> AppliedIdentities.from(twice)).hasMessageContaining("twice");
  }

  @Test
  void readsTheTextTheBigIntegerVersionWrote() {
    // written by the version that kept sequence numbers as BigInteger (commit 2ea7f82), from Kinesis-sized numbers
    AppliedIdentities memory = AppliedIdentities.EMPTY;
    java.math.BigInteger sequence = new java.math.BigInteger("49680421447220647937038882312290477940160824251177238530");
    for (int i = 0; i < 4; i++) {
      sequence = sequence.add(java.math.BigInteger.valueOf(3_000_000_000_000L + i).shiftLeft(40 * i));
      memory = memory.with(new RecordIdentity("up-1", "shardId-000000000000", sequence.toString(), i % 2,
          i == 0 ? RecordIdentity.NOTHING_COMMITTED : "49680421447220647937038882312290477940160824251177238530"));
    }
    memory = memory.with(id(7, 0)).with(id("shardId-000000000000", 9, 2, "3"));
    String stored = "up-1|shardId-000000000000~49680421447220647937038882312290477940160824251177238530~"
        + "12a6ijitc,ex4z5ngr86nsvaps:1,5tch6hy3ce7eso98b6sml7nk,29larzeqe3bb2w7hw7oucz2mpfvn6ayo:1!"
        + "up|shardId-000000000000~3~4,2:2";
    AppliedIdentities read = AppliedIdentities.decode(stored);
    assertThat(read).isEqualTo(memory);
    assertThat(read.encode()).isEqualTo(stored);
    assertThat(AppliedIdentities.decode(memory.encode()).encode()).isEqualTo(stored);
    assertThat(read.isDuplicate(id(9, 2))).isTrue();
    assertThat(read.isDuplicate(id(8, 0))).isFalse();
  }

  @Test
  void applyingWhatItAlreadyRemembersLeavesTheSameMemory() {
    AppliedIdentities memory = AppliedIdentities.EMPTY.with(id("shardId-000000000000", 12, 0, "10"));
    assertThat(memory.with(id("shardId-000000000000", 12, 0, "9"))).isSameAs(memory);
    assertThat(memory.with(id("shardId-000000000000", 5, 0, "10"))).isSameAs(memory);
    assertThat(memory.with(id("shardId-000000000000", 12, 0, "11"))).isNotSameAs(memory);
  }
}
