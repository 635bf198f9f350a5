package dev.runnel.statestore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.statestore.statelog.StateLogCounters;
import dev.runnel.statestore.statelog.StateLogStore;
import dev.runnel.statestore.statelog.StateLogStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state log contract in memory, and its metering by DynamoDB's rules. */
class InMemoryStateLogStoreTest extends StateLogStoreContract {

  @Override
  protected StateLogStore newStore() {
    return new InMemoryStateLogStore();
  }

  @Test
  void writesAreMeteredPerStartedKilobyteOfEachItemIn25ItemBatches() {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      parts.add(new byte[i == 0 ? 1_900 : 10]); // the keys and attribute names add ~50 bytes per item
    }
    store.write(stage, SHARD, entry(1, "a", 30), parts);

    StateLogCounters counters = store.counters();
    assertThat(counters.batchWriteItemRequests()).isEqualTo(2);
    assertThat(counters.writeCapacityUnits()).isEqualTo(2 + 29);
    assertThat(counters.itemsWritten()).isEqualTo(30);
  }

  @Test
  void readsAreMeteredPerStartedFourKilobytesOfEachItemIn100KeyBatches() {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      parts.add(new byte[i == 0 ? 9_000 : 10]);
    }
    store.write(stage, SHARD, snapshot(1, "a", 150), parts);
    StateLogCounters before = store.counters();
    store.read(stage, SHARD, List.of(snapshot(1, "a", 150)));

    StateLogCounters after = store.counters();
    assertThat(after.batchGetItemRequests() - before.batchGetItemRequests()).isEqualTo(2);
    assertThat(after.readCapacityUnits() - before.readCapacityUnits()).isEqualTo(3 + 149);
    assertThat(after.itemsRead() - before.itemsRead()).isEqualTo(150);
  }

  @Test
  void collectingQueriesTheShardInOneMegabytePagesAndDeletesIn25ItemBatches() {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      parts.add(new byte[StateLogStore.MAX_PART_BYTES]);
    }
    store.write(stage, SHARD, snapshot(1, "a", 4), parts);
    StateLogCounters before = store.counters();

    assertThat(store.collect(stage, SHARD, 1, List.of())).isEqualTo(4);
    StateLogCounters after = store.counters();
    assertThat(after.queryRequests() - before.queryRequests()).as("1.4 MB read: two pages").isEqualTo(2);
    assertThat(after.batchWriteItemRequests() - before.batchWriteItemRequests()).isEqualTo(1);
    assertThat(after.writeCapacityUnits() - before.writeCapacityUnits()).isEqualTo(4 * 342);
    assertThat(((InMemoryStateLogStore) store).itemCount(stage, SHARD)).isZero();
  }
}
