package dev.runnel.functions.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.checkpointing.dedup.AppliedIdentities;
import dev.runnel.checkpointing.identity.RecordIdentity;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A shard's dedup memory and what a state log entry carries of it (docs/state-log.md, "Dedup memory per shard"). */
class ShardIdentitiesTest {

  @Test
  void whatAnEntryCarriesRebuildsTheMemoryFromTheOneBefore() {
    Random random = new Random(7);
    AppliedIdentities committed = AppliedIdentities.EMPTY;
    long[] positions = new long[4];
    for (int batch = 0; batch < 200; batch++) {
      ShardIdentities working = new ShardIdentities(committed);
      for (int i = random.nextInt(30); i > 0; i--) {
        int producer = random.nextInt(4);
        positions[producer] += 1 + random.nextInt(5);
        long committedUpstream = positions[producer] - random.nextInt(40);
        RecordIdentity id = new RecordIdentity("up-1", "shardId-00000000000" + producer,
            Long.toString(positions[producer] * 1_000_003L), random.nextInt(3),
            committedUpstream <= 0 ? "-" : Long.toString(committedUpstream * 1_000_003L));
        if (!working.isDuplicate(id)) {
          working.applied(id);
        }
      }
      AppliedIdentities delta = working.changedProducers();
      AppliedIdentities rebuilt = delta == null ? committed : ShardIdentities.merged(committed, delta);
      assertThat(rebuilt).isEqualTo(working.memory());
      assertThat(AppliedIdentities.decode(rebuilt.encode())).isEqualTo(working.memory());
      if (delta != null) {
        assertThat(delta.size()).as("only what the batch added").isLessThanOrEqualTo(working.memory().size());
      }
      committed = working.memory();
    }
    assertThat(committed.size()).isPositive();
  }

  @Test
  void aBatchThatHeardNothingNewCarriesNothing() {
    RecordIdentity id = new RecordIdentity("up-1", "shardId-000000000000", "5", 0, "-");
    ShardIdentities first = new ShardIdentities(AppliedIdentities.EMPTY);
    first.applied(id);
    ShardIdentities second = new ShardIdentities(first.memory());
    assertThat(second.isDuplicate(id)).isTrue();
    assertThat(second.changedProducers()).isNull();
    assertThat(second.changed()).isFalse();
  }
}
