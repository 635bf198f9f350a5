package dev.runnel.statestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.statestore.metering.StateStoreCounters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link StateStore} contract, run against every implementation: subclasses say how to make a store. Each test
 * uses a stage of its own, so stores may share a table.
 */
public abstract class StateStoreContract {
  private static final AtomicInteger STAGES = new AtomicInteger();

  protected final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  protected StateStore store;
  protected String stage;

  /** A new, empty-countered store whose expiry decisions use {@code clock}. */
  protected abstract StateStore newStore(Clock clock);

  @BeforeEach
  void openStore() {
    store = newStore(clock);
    stage = "job-" + STAGES.incrementAndGet();
  }

  @AfterEach
  void closeStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  protected StateKey key(String key) {
    return new StateKey(stage, key);
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  protected WriteOutcome write(StateWrite... writes) {
    return store.write(List.of(writes));
  }

  protected StoredState loadOne(StateKey key) {
    return store.load(List.of(key)).get(key);
  }

  @Test
  void absentKeysAreMissingFromTheLoad() {
    Map<StateKey, StoredState> loaded = store.load(List.of(key("a"), key("b"), key("a")));

    assertThat(loaded).isEmpty();
  }

  @Test
  void createsAKeyThatMustNotExist() {
    WriteOutcome outcome = write(StateWrite.put(key("a"), null, "shard-1/100", bytes("count=1")));

    assertThat(outcome.hasConflicts()).isFalse();
    assertThat(loadOne(key("a"))).isEqualTo(new StoredState(key("a"), "shard-1/100", bytes("count=1"), 0));
  }

  @Test
  void creatingAKeyThatExistsIsAConflict() {
    write(StateWrite.put(key("a"), null, "shard-1/100", bytes("first")));

    WriteOutcome outcome = write(StateWrite.put(key("a"), null, "shard-1/200", bytes("second")));

    assertThat(outcome.conflicts()).containsExactly(key("a"));
    assertThat(loadOne(key("a"))).isEqualTo(new StoredState(key("a"), "shard-1/100", bytes("first"), 0));
  }

  @Test
  void updatesAKeyAtTheVersionRead() {
    write(StateWrite.put(key("a"), null, "shard-1/100", bytes("count=1")));

    WriteOutcome outcome = write(StateWrite.put(key("a"), "shard-1/100", "shard-1/101", bytes("count=2")));

    assertThat(outcome.hasConflicts()).isFalse();
    assertThat(loadOne(key("a"))).isEqualTo(new StoredState(key("a"), "shard-1/101", bytes("count=2"), 0));
  }

  @Test
  void aZombieWriterWithAStaleVersionChangesNothing() {
    write(StateWrite.put(key("a"), null, "shard-1/100", bytes("count=1")));
    write(StateWrite.put(key("a"), "shard-1/100", "shard-1/101", bytes("count=2"))); // the live writer
    write(StateWrite.put(key("b"), null, "shard-1/100", bytes("b=1")));

    WriteOutcome outcome = write(
        StateWrite.put(key("a"), "shard-1/100", "shard-1/101", bytes("count=99")), // the zombie
        StateWrite.put(key("b"), "shard-1/100", "shard-1/101", bytes("b=2")));

    assertThat(outcome.conflicts()).containsExactly(key("a"));
    assertThat(store.load(List.of(key("a"), key("b")))).containsOnly(
        Map.entry(key("a"), new StoredState(key("a"), "shard-1/101", bytes("count=2"), 0)),
        Map.entry(key("b"), new StoredState(key("b"), "shard-1/101", bytes("b=2"), 0)));
  }

  @Test
  void deletesAtTheVersionReadOnly() {
    write(StateWrite.put(key("a"), null, "v1", bytes("x")));

    WriteOutcome stale = write(StateWrite.delete(key("a"), "v0"));
    assertThat(stale.conflicts()).containsExactly(key("a"));
    assertThat(loadOne(key("a"))).isNotNull();

    WriteOutcome outcome = write(StateWrite.delete(key("a"), "v1"));
    assertThat(outcome.hasConflicts()).isFalse();
    assertThat(loadOne(key("a"))).isNull();

    assertThat(write(StateWrite.put(key("a"), null, "v2", bytes("y"))).hasConflicts()).isFalse();
    assertThat(loadOne(key("a")).version()).isEqualTo("v2");
  }

  @Test
  void anExpiredStateIsAbsentAndMayBeCreatedAgain() {
    long expiresAt = clock.instant().getEpochSecond() + 60;
    write(new StateWrite(key("a"), null, "v1", bytes("session"), expiresAt));
    write(new StateWrite(key("past"), null, "v1", bytes("old"), clock.instant().getEpochSecond() - 1));
    assertThat(loadOne(key("a"))).isEqualTo(new StoredState(key("a"), "v1", bytes("session"), expiresAt));
    assertThat(loadOne(key("past"))).isNull();

    clock.advance(Duration.ofSeconds(60));

    assertThat(store.load(List.of(key("a"), key("past")))).isEmpty();
    assertThat(write(StateWrite.put(key("a"), "v1", "v2", bytes("late zombie"))).conflicts())
        .containsExactly(key("a"));
    assertThat(write(StateWrite.put(key("a"), null, "v3", bytes("fresh"))).hasConflicts()).isFalse();
    assertThat(loadOne(key("a"))).isEqualTo(new StoredState(key("a"), "v3", bytes("fresh"), 0));
  }

  @Test
  void writesAndLoadsManyKeysInBatches() {
    List<StateWrite> writes = new ArrayList<>();
    List<StateKey> keys = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      keys.add(key("k" + i));
      writes.add(StateWrite.put(key("k" + i), null, "v1", bytes("value " + i)));
    }
    StateStoreCounters before = store.counters();

    WriteOutcome outcome = store.write(writes);
    Map<StateKey, StoredState> loaded = store.load(keys);

    StateStoreCounters spent = store.counters().minus(before);
    assertThat(outcome.hasConflicts()).isFalse();
    assertThat(loaded).hasSize(250);
    for (int i = 0; i < 250; i++) {
      assertThat(loaded.get(key("k" + i)).value()).isEqualTo(bytes("value " + i));
    }
    assertThat(spent.putItemRequests()).isEqualTo(250);
    assertThat(spent.batchGetItemRequests()).isEqualTo(3); // 100 + 100 + 50
    assertThat(spent.itemsRead()).isEqualTo(250);
  }

  @Test
  void aOneMegabyteValueIsChunkedAndSmallerValuesReplaceItCleanly() {
    byte[] big = randomBytes(1024 * 1024, 1);
    byte[] medium = randomBytes(500 * 1024, 2);
    StateStoreCounters before = store.counters();

    assertThat(write(StateWrite.put(key("big"), null, "v1", big)).hasConflicts()).isFalse();
    assertThat(loadOne(key("big")).value()).isEqualTo(big);
    StateStoreCounters afterBig = store.counters();
    assertThat(afterBig.minus(before).transactWriteItemsRequests()).isEqualTo(1);
    assertThat(afterBig.minus(before).itemsWritten()).isEqualTo(4); // head + 3 chunks of about 400 KB

    assertThat(write(StateWrite.put(key("big"), "v1", "v2", medium)).hasConflicts()).isFalse();
    assertThat(loadOne(key("big")).value()).isEqualTo(medium);

    assertThat(write(StateWrite.put(key("big"), "v2", "v3", bytes("small"))).hasConflicts()).isFalse();
    assertThat(loadOne(key("big"))).isEqualTo(new StoredState(key("big"), "v3", bytes("small"), 0));
    StateStoreCounters spent = store.counters().minus(afterBig);
    // 1 chunk left over by the medium value, then its 2 chunks, each removed by one DeleteItem
    assertThat(spent.deleteItemRequests()).isEqualTo(3);

    assertThat(write(StateWrite.put(key("big"), "v3", "v4", big)).hasConflicts()).isFalse();
    assertThat(loadOne(key("big")).value()).isEqualTo(big);
  }

  @Test
  void aZombieCannotOverwriteAChunkedValue() {
    byte[] big = randomBytes(900 * 1024, 3);
    write(StateWrite.put(key("big"), null, "v1", big));
    write(StateWrite.put(key("big"), "v1", "v2", bytes("small")));

    WriteOutcome outcome = write(StateWrite.put(key("big"), "v1", "v2", randomBytes(900 * 1024, 4)));

    assertThat(outcome.conflicts()).containsExactly(key("big"));
    assertThat(loadOne(key("big"))).isEqualTo(new StoredState(key("big"), "v2", bytes("small"), 0));
  }

  @Test
  void aValueTooLargeForOneTransactionFailsNamingStageKeyAndSize() {
    int size = 4 * 1024 * 1024 + 1;

    assertThatThrownBy(() -> write(
        StateWrite.put(key("small"), null, "v1", bytes("fine")),
        StateWrite.put(key("huge"), null, "v1", new byte[size])))
        .isInstanceOf(StateTooLargeException.class)
        .hasMessageContaining(stage)
        .hasMessageContaining("\"huge\"")
        .hasMessageContaining(Integer.toString(size));
    assertThat(store.load(List.of(key("small"), key("huge")))).isEmpty();
  }

  @Test
  void ofTwoConcurrentWritersAtTheSameVersionExactlyOneWins() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        StateKey key = key("contended-" + round);
        write(StateWrite.put(key, null, "v1", bytes("start")));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<WriteOutcome>> writers = new ArrayList<>();
        for (String writer : List.of("a", "b")) {
          writers.add(threads.submit(() -> {
            go.await();
            return store.write(List.of(StateWrite.put(key, "v1", "v2-" + writer, bytes(writer))));
          }));
        }
        go.countDown();
        WriteOutcome a = writers.get(0).get(30, TimeUnit.SECONDS);
        WriteOutcome b = writers.get(1).get(30, TimeUnit.SECONDS);

        assertThat(a.hasConflicts()).as("round %d: exactly one writer conflicts", round).isNotEqualTo(b.hasConflicts());
        String winner = a.hasConflicts() ? "b" : "a";
        assertThat(loadOne(key)).isEqualTo(new StoredState(key, "v2-" + winner, bytes(winner), 0));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void ofTwoConcurrentWritersOfChunkedValuesExactlyOneWins() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        StateKey key = key("contended-big-" + round);
        write(StateWrite.put(key, null, "v1", bytes("start")));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<WriteOutcome>> writers = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
          byte[] value = randomBytes(600 * 1024, writer);
          String version = "v2-" + writer;
          writers.add(threads.submit(() -> {
            go.await();
            return store.write(List.of(StateWrite.put(key, "v1", version, value)));
          }));
        }
        go.countDown();
        WriteOutcome first = writers.get(0).get(30, TimeUnit.SECONDS);
        WriteOutcome second = writers.get(1).get(30, TimeUnit.SECONDS);

        assertThat(first.hasConflicts()).as("round %d: exactly one writer conflicts", round)
            .isNotEqualTo(second.hasConflicts());
        int winner = first.hasConflicts() ? 1 : 0;
        assertThat(loadOne(key)).isEqualTo(new StoredState(key, "v2-" + winner, randomBytes(600 * 1024, winner), 0));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void countsRequestsCapacityAndConflictsOfABatch() {
    List<StateWrite> writes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // 25 items of about 100 bytes (1 write unit) and 25 of about 2,000 bytes (2 write units)
      writes.add(StateWrite.put(key("k" + i), null, "shard-1/" + i, new byte[i % 2 == 0 ? 100 : 2000]));
    }
    StateStoreCounters before = store.counters();

    store.write(writes);
    StateStoreCounters written = store.counters().minus(before);
    store.load(writes.stream().map(StateWrite::key).toList());
    StateStoreCounters loaded = store.counters().minus(before).minus(written);
    write(StateWrite.put(key("k0"), "shard-1/stale", "shard-1/99", new byte[100]));
    StateStoreCounters zombie = store.counters().minus(before).minus(written).minus(loaded);

    assertThat(written.putItemRequests()).isEqualTo(50);
    assertThat(written.writeRequests()).isEqualTo(50);
    assertThat(written.requests()).isEqualTo(50);
    assertThat(written.writeCapacityUnits()).isEqualTo(25 * 1 + 25 * 2);
    assertThat(written.itemsWritten()).isEqualTo(50);
    assertThat(written.conflicts()).isZero();
    assertThat(loaded.batchGetItemRequests()).isEqualTo(1);
    assertThat(loaded.requests()).isEqualTo(1);
    assertThat(loaded.readCapacityUnits()).isEqualTo(50); // strongly consistent, each item under 4 KB
    assertThat(loaded.itemsRead()).isEqualTo(50);
    assertThat(zombie.putItemRequests()).isEqualTo(1);
    assertThat(zombie.conflicts()).isEqualTo(1);
    assertThat(zombie.itemsWritten()).isZero();
  }

  @Test
  void rejectsTwoWritesOfOneKeyInOneCall() {
    assertThatThrownBy(() -> write(
        StateWrite.put(key("a"), null, "v1", bytes("x")),
        StateWrite.put(key("a"), null, "v2", bytes("y"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two writes of " + key("a"));
    assertThat(loadOne(key("a"))).isNull();
  }
}
