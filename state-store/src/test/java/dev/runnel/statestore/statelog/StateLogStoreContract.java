package dev.runnel.statestore.statelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.statestore.statelog.LogItems.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link StateLogStore} (its Javadoc); subclasses supply a fresh store. Each test uses its own
 * stage.
 */
abstract class StateLogStoreContract {
  private static final AtomicInteger STAGES = new AtomicInteger();

  protected StateLogStore store;
  protected String stage;

  /** A new store over an empty or shared backend. */
  protected abstract StateLogStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
    stage = "stage-" + STAGES.incrementAndGet();
  }

  @Test
  void whatIsWrittenIsReadBackInTheOrderNamedIncludingAPartAtTheLimit() {
    byte[] large = random(StateLogStore.MAX_PART_BYTES, 1);
    byte[] small = random(10, 2);
    LogItems snapshot = new LogItems(Kind.SNAPSHOT, 3, "snap", 2);
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
  void aPartOverTheLimitOrAWrongPartCountIsRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> store.write(stage, "s", entry(1, "a", 1),
        List.of(new byte[StateLogStore.MAX_PART_BYTES + 1])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(stage);
    assertThatThrownBy(() -> store.write(stage, "s", entry(1, "a", 2), List.of(bytes("one"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.counters().requests()).isZero();
  }

  @Test
  void hundredsOfItemsAreWrittenAndReadBack() {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      parts.add(bytes("part-" + i));
    }
    LogItems snapshot = new LogItems(Kind.SNAPSHOT, 9, "big", 130);
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
  void writingTheSamePartsAgainChangesNothing() {
    LogItems entry = entry(1, "again", 2);
    store.write(stage, "s", entry, List.of(bytes("a"), bytes("b")));
    store.write(stage, "s", entry, List.of(bytes("a"), bytes("b")));
    assertThat(store.read(stage, "s", List.of(entry))).containsExactly(bytes("a"), bytes("b"));
    assertThat(store.collect(stage, "s", 1, List.of(entry))).isZero();
  }

  @Test
  void collectDeletesExactlyTheUnnamedItemsAtOrBelowUpTo() {
    LogItems oldSnapshot = new LogItems(Kind.SNAPSHOT, 1, "old", 2);
    LogItems entry2 = entry(2, "a", 1);
    LogItems entry3 = entry(3, "a", 1);
    LogItems zombie3 = entry(3, "zombie", 1);
    LogItems lost4 = new LogItems(Kind.SNAPSHOT, 4, "lost", 1);
    LogItems snapshot = new LogItems(Kind.SNAPSHOT, 4, "new", 2);
    LogItems named5 = entry(5, "kept", 1);
    LogItems inflight6 = entry(6, "inflight", 1);
    LogItems inflight7 = new LogItems(Kind.SNAPSHOT, 7, "inflight", 1);
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

  static LogItems entry(long revision, String attempt, int parts) {
    return new LogItems(Kind.ENTRY, revision, attempt, parts);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
