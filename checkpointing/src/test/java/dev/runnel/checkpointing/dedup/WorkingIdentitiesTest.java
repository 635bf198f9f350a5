package dev.runnel.checkpointing.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkingIdentitiesTest {
  /**
   * Over random identities (several producers, outputs of the same input, copies, commits that move the watermark,
   * old copies below it), a working memory answers every question as the memory built record by record with {@link
   * AppliedIdentities#with}, and ends equal to it; its changes applied to the committed memory give the same.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void answersAsTheMemoryBuiltRecordByRecord(long seed) {
    Random random = new Random(seed);
    AppliedIdentities committed = AppliedIdentities.EMPTY;
    for (RecordIdentity id : identities(random, 60)) {
      committed = committed.with(id);
    }
    AppliedIdentities expected = committed;
    WorkingIdentities working = new WorkingIdentities(committed);
    for (RecordIdentity id : identities(random, 400)) {
      assertThat(working.isDuplicate(id)).as("%s", id).isEqualTo(expected.isDuplicate(id));
      if (random.nextInt(4) > 0) {
        working.applied(id);
        expected = expected.with(id);
      }
      for (RecordIdentity probe : identities(random, 3)) {
        assertThat(working.isDuplicate(probe)).as("probe %s", probe).isEqualTo(expected.isDuplicate(probe));
      }
    }
    assertThat(working.memory()).isEqualTo(expected);
    assertThat(working.memory().encode()).isEqualTo(expected.encode());
    assertThat(committed.plus(working.changes())).isEqualTo(expected);
    assertThat(working.changed()).isEqualTo(!expected.equals(committed));
  }

  /** Nothing applied, or only copies of what the memory holds: no change. */
  @ParameterizedTest
  @ValueSource(longs = {11, 12})
  void copiesChangeNothing(long seed) {
    Random random = new Random(seed);
    List<RecordIdentity> applied = identities(random, 50);
    AppliedIdentities committed = AppliedIdentities.EMPTY;
    for (RecordIdentity id : applied) {
      committed = committed.with(id);
    }
    WorkingIdentities working = new WorkingIdentities(committed);
    assertThat(working.changed()).isFalse();
    for (RecordIdentity id : applied) {
      working.applied(id);
    }
    assertThat(working.changed()).isFalse();
    assertThat(working.changes().isEmpty()).isTrue();
    assertThat(working.memory()).isEqualTo(committed);
  }

  private static List<RecordIdentity> identities(Random random, int count) {
    List<RecordIdentity> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String shard = "shardId-00000000000" + random.nextInt(3);
      long sequence = 1_000 + random.nextInt(300);
      long committedAt = random.nextInt(3) == 0 ? sequence - random.nextInt(150) : -1;
      ids.add(new RecordIdentity("up", shard, (random.nextInt(5) == 0 ? "000" : "") + sequence,
          random.nextInt(3), committedAt < 0 ? RecordIdentity.NOTHING_COMMITTED : Long.toString(committedAt)));
    }
    return ids;
  }
}
