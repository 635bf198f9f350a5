package dev.runnel.statestore.statelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link StateLogStore} contract, run against every implementation: subclasses say how to make a store. Each test
 * uses a stage of its own, so stores may share a table.
 */
public abstract class StateLogStoreContract {
  private static final AtomicInteger STAGES = new AtomicInteger();
  protected static final String SHARD = "shardId-000000000000";

  protected StateLogStore store;
  protected String stage;

  /** A new store with its counters at zero. */
  protected abstract StateLogStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
    stage = "job-" + STAGES.incrementAndGet();
  }

  @AfterEach
  void closeStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  protected static LogItems entry(long revision, String attempt, int parts) {
    return new LogItems(LogItems.Kind.ENTRY, revision, attempt, parts);
  }

  protected static LogItems snapshot(long revision, String attempt, int parts) {
    return new LogItems(LogItems.Kind.SNAPSHOT, revision, attempt, parts);
  }

  private static List<String> text(List<byte[]> parts) {
    return parts.stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void readsTheNamedItemsInTheOrderGivenEachOnesPartsInOrder() {
    store.write(stage, SHARD, snapshot(3, "a1", 2), List.of(bytes("s0"), bytes("s1")));
    store.write(stage, SHARD, entry(4, "b2", 1), List.of(bytes("e4")));
    store.write(stage, SHARD, entry(5, "c3", 3), List.of(bytes("e5a"), bytes("e5b"), bytes("e5c")));

    assertThat(text(store.read(stage, SHARD, List.of(snapshot(3, "a1", 2), entry(4, "b2", 1), entry(5, "c3", 3)))))
        .containsExactly("s0", "s1", "e4", "e5a", "e5b", "e5c");
    assertThat(text(store.read(stage, SHARD, List.of(entry(5, "c3", 3), entry(4, "b2", 1)))))
        .containsExactly("e5a", "e5b", "e5c", "e4");
    assertThat(store.read(stage, SHARD, List.of())).isEmpty();
  }

  @Test
  void twoAttemptsAtOneRevisionAndTwoKindsNeverShareAnItem() {
    store.write(stage, SHARD, entry(7, "zombie", 1), List.of(bytes("zombie's")));
    store.write(stage, SHARD, entry(7, "retry", 1), List.of(bytes("retry's")));
    store.write(stage, SHARD, snapshot(7, "retry", 1), List.of(bytes("snapshot")));

    assertThat(text(store.read(stage, SHARD, List.of(entry(7, "retry", 1))))).containsExactly("retry's");
    assertThat(text(store.read(stage, SHARD, List.of(entry(7, "zombie", 1))))).containsExactly("zombie's");
    assertThat(text(store.read(stage, SHARD, List.of(snapshot(7, "retry", 1))))).containsExactly("snapshot");
  }

  @Test
  void writingTheSamePartsAgainChangesNothing() {
    store.write(stage, SHARD, entry(1, "a", 2), List.of(bytes("x"), bytes("y")));
    store.write(stage, SHARD, entry(1, "a", 2), List.of(bytes("x"), bytes("y")));

    assertThat(text(store.read(stage, SHARD, List.of(entry(1, "a", 2))))).containsExactly("x", "y");
  }

  @Test
  void shardsAndStagesAreApart() {
    store.write(stage, SHARD, entry(1, "a", 1), List.of(bytes("mine")));
    store.write(stage, "shardId-000000000001", entry(1, "a", 1), List.of(bytes("other shard's")));
    store.write(stage + "x", SHARD, entry(1, "a", 1), List.of(bytes("other stage's")));

    assertThat(text(store.read(stage, SHARD, List.of(entry(1, "a", 1))))).containsExactly("mine");
  }

  @Test
  void aNamedPartThatIsMissingFailsTheReadNamingStageShardAndItem() {
    store.write(stage, SHARD, entry(1, "a", 1), List.of(bytes("x")));

    assertThatThrownBy(() -> store.read(stage, SHARD, List.of(entry(1, "a", 2))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(stage).hasMessageContaining(SHARD)
        .hasMessageContaining("0000000000000000001");
    assertThatThrownBy(() -> store.read(stage, SHARD, List.of(entry(2, "a", 1))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPartOfTheLargestSizeIsStoredAndALargerOneOrAWrongCountIsRefused() {
    byte[] largest = new byte[StateLogStore.MAX_PART_BYTES];
    largest[largest.length - 1] = 42;
    store.write(stage, SHARD, snapshot(1, "a", 1), List.of(largest));
    assertThat(store.read(stage, SHARD, List.of(snapshot(1, "a", 1))).get(0)).isEqualTo(largest);

    assertThatThrownBy(() -> store.write(stage, SHARD, snapshot(2, "a", 1),
        List.of(new byte[StateLogStore.MAX_PART_BYTES + 1]))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.write(stage, SHARD, snapshot(2, "a", 2), List.of(bytes("one"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void collectDeletesWhatIsAtOrBelowTheRevisionAndNotNamedOnly() {
    store.write(stage, SHARD, snapshot(2, "a", 2), List.of(bytes("old snapshot"), bytes("its second part")));
    store.write(stage, SHARD, entry(3, "a", 1), List.of(bytes("folded entry")));
    store.write(stage, SHARD, entry(4, "zombie", 1), List.of(bytes("zombie's entry")));
    store.write(stage, SHARD, snapshot(4, "b", 1), List.of(bytes("new snapshot")));
    store.write(stage, SHARD, entry(5, "c", 1), List.of(bytes("entry after the snapshot")));
    store.write(stage, SHARD, entry(6, "d", 1), List.of(bytes("a later attempt's, not committed yet")));
    store.write(stage, "shardId-000000000001", entry(1, "a", 1), List.of(bytes("another shard's")));

    int deleted = store.collect(stage, SHARD, 5, List.of(snapshot(4, "b", 1), entry(5, "c", 1)));

    assertThat(deleted).isEqualTo(4);
    assertThat(text(store.read(stage, SHARD, List.of(snapshot(4, "b", 1), entry(5, "c", 1), entry(6, "d", 1)))))
        .containsExactly("new snapshot", "entry after the snapshot", "a later attempt's, not committed yet");
    assertThatThrownBy(() -> store.read(stage, SHARD, List.of(snapshot(2, "a", 1))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.read(stage, SHARD, List.of(entry(4, "zombie", 1))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(text(store.read(stage, "shardId-000000000001", List.of(entry(1, "a", 1)))))
        .containsExactly("another shard's");
    assertThat(store.collect(stage, SHARD, 5, List.of(snapshot(4, "b", 1), entry(5, "c", 1)))).isZero();
  }

  @Test
  void countersCountEveryRequestAndItem() {
    StateLogCounters before = store.counters();
    store.write(stage, SHARD, entry(1, "a", 2), List.of(bytes("x"), bytes("y")));
    store.read(stage, SHARD, List.of(entry(1, "a", 2)));
    store.collect(stage, SHARD, 1, List.of());
    StateLogCounters after = store.counters();

    assertThat(after.itemsWritten() - before.itemsWritten()).isEqualTo(2);
    assertThat(after.itemsDeleted() - before.itemsDeleted()).isEqualTo(2);
    assertThat(after.batchWriteItemRequests() - before.batchWriteItemRequests()).isEqualTo(2);
    assertThat(after.writeCapacityUnits() - before.writeCapacityUnits()).isEqualTo(4.0);
    assertThat(after.readCapacityUnits() - before.readCapacityUnits()).isPositive();
    assertThat(after.requests() - before.requests()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void whatIsWrittenIsReadBackInTheOrderNamedIncludingAPartAtTheLimit() {
    byte[] large = random(StateLogStore.MAX_PART_BYTES, 1);
    byte[] small = random(10, 2);
    LogItems snapshot = new LogItems(LogItems.Kind.SNAPSHOT, 3, "snap", 2);
    LogItems entry4 = entry(4, "e4", 1);
    LogItems entry6 = entry(6, "e6", 1);
    store.write(stage, "s", snapshot, List.of(large, small));
    store.write(stage, "s", entry6, List.of(bytes("six")));
    store.write(stage, "s", entry4, List.of(bytes("four")));

    assertThat(store.read(stage, "s", List.of(snapshot, entry4, entry6)))
        .containsExactly(large, small, bytes("four"), bytes("six"));
    assertThat(store.read(stage, "s", List.of(entry6, entry4))).containsExactly(bytes("six"), bytes("four"));
    assertThat(store.read(stage, "s", List.of())).isEmpty();
  }

  @Test
  void hundredsOfItemsAreWrittenAndReadBack() {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      parts.add(bytes("part-" + i));
    }
    LogItems snapshot = new LogItems(LogItems.Kind.SNAPSHOT, 9, "big", 130);
    store.write(stage, "s", snapshot, parts);
    List<LogItems> named = new ArrayList<>(List.of(snapshot));
    List<byte[]> expected = new ArrayList<>(parts);
    for (int revision = 10; revision < 120; revision++) {
      LogItems entry = entry(revision, "r" + revision, 1);
      store.write(stage, "s", entry, List.of(bytes("entry-" + revision)));
      named.add(entry);
      expected.add(bytes("entry-" + revision));
    }

    assertThat(store.read(stage, "s", named)).containsExactlyElementsOf(expected);
  }

  @Test
  void readSkipsItemsNoCheckpointNamesAndTellsWhichNamedPartIsMissing() {
    LogItems committed = entry(5, "good", 1);
    store.write(stage, "s", entry(5, "zombie", 2), List.of(bytes("z1"), bytes("z2")));
    store.write(stage, "s", committed, List.of(bytes("good")));
    store.write(stage, "s", entry(6, "later", 1), List.of(bytes("later")));
    store.write(stage, "s", entry(4, "earlier", 1), List.of(bytes("earlier")));
    store.write(stage, "other", committed, List.of(bytes("other shard")));
    store.write(stage + "x", "s", committed, List.of(bytes("other stage")));

    assertThat(store.read(stage, "s", List.of(committed))).containsExactly(bytes("good"));
    assertThat(store.read(stage, "s", List.of(entry(4, "earlier", 1), entry(6, "later", 1))))
        .containsExactly(bytes("earlier"), bytes("later"));
    assertThatThrownBy(() -> store.read(stage, "s", List.of(committed, entry(6, "later", 2))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(stage).hasMessageContaining("shard s");
    assertThatThrownBy(() -> store.read(stage, "s", List.of(entry(7, "never", 1))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void collectDeletesExactlyTheUnnamedItemsAtOrBelowUpTo() {
    LogItems oldSnapshot = new LogItems(LogItems.Kind.SNAPSHOT, 1, "old", 2);
    LogItems entry2 = entry(2, "a", 1);
    LogItems entry3 = entry(3, "a", 1);
    LogItems zombie3 = entry(3, "zombie", 1);
    LogItems lost4 = new LogItems(LogItems.Kind.SNAPSHOT, 4, "lost", 1);
    LogItems snapshot = new LogItems(LogItems.Kind.SNAPSHOT, 4, "new", 2);
    LogItems named5 = entry(5, "kept", 1);
    LogItems inflight6 = entry(6, "inflight", 1);
    LogItems inflight7 = new LogItems(LogItems.Kind.SNAPSHOT, 7, "inflight", 1);
    store.write(stage, "s", oldSnapshot, List.of(bytes("o1"), bytes("o2")));
    store.write(stage, "s", entry2, List.of(bytes("2")));
    store.write(stage, "s", entry3, List.of(bytes("3")));
    store.write(stage, "s", zombie3, List.of(bytes("3z")));
    store.write(stage, "s", lost4, List.of(bytes("4 lost")));
    store.write(stage, "s", snapshot, List.of(bytes("n1"), bytes("n2")));
    store.write(stage, "s", named5, List.of(bytes("5")));
    store.write(stage, "s", inflight6, List.of(bytes("6")));
    store.write(stage, "s", inflight7, List.of(bytes("7")));
    store.write(stage, "s2", entry2, List.of(bytes("other shard")));
    store.write(stage + "x", "s", entry2, List.of(bytes("other stage")));

    assertThat(store.collect(stage, "s", 5, List.of(snapshot, named5))).isEqualTo(6);

    assertThat(store.read(stage, "s", List.of(snapshot, named5, inflight6, inflight7)))
        .containsExactly(bytes("n1"), bytes("n2"), bytes("5"), bytes("6"), bytes("7"));
    for (LogItems gone : List.of(oldSnapshot, entry2, entry3, zombie3, lost4)) {
      assertThatThrownBy(() -> store.read(stage, "s", List.of(gone))).as("collected: %s", gone)
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(store.read(stage, "s2", List.of(entry2))).containsExactly(bytes("other shard"));
    assertThat(store.read(stage + "x", "s", List.of(entry2))).containsExactly(bytes("other stage"));
    assertThat(store.collect(stage, "s", 5, List.of(snapshot, named5))).isZero();
  }

  protected static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
