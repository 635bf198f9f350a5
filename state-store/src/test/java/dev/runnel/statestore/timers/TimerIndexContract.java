package dev.runnel.statestore.timers;

import static dev.runnel.statestore.timers.TimerEntry.Domain.EVENT_TIME;
import static dev.runnel.statestore.timers.TimerEntry.Domain.PROCESSING_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of every {@link TimerIndex}; subclasses supply a fresh index. Each test uses its own stage. */
abstract class TimerIndexContract {
  private static final AtomicInteger STAGES = new AtomicInteger();
  private static final String SHARD = "shardId-000000000001";

  protected TimerIndex index;
  protected String stage;

  /** A new index over an empty or shared backend. */
  protected abstract TimerIndex newIndex();

  @BeforeEach
  void setUp() {
    index = newIndex();
    stage = "stage-" + STAGES.incrementAndGet();
  }

  protected static TimerEntry event(long time, String key) {
    return new TimerEntry(EVENT_TIME, time, key);
  }

  protected static TimerEntry processing(long time, String key) {
    return new TimerEntry(PROCESSING_TIME, time, key);
  }

  private List<TimerEntry> due(long upTo) {
    return index.due(stage, SHARD, EVENT_TIME, upTo);
  }

  @Test
  void nothingIsDueInAnEmptyIndex() {
    assertThat(due(Long.MAX_VALUE)).isEmpty();
    assertThat(index.due(stage, SHARD, PROCESSING_TIME, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void dueEntriesComeByTimeThenKeyWhateverTheSignOfTheTime() {
    List<TimerEntry> expected = List.of(event(Long.MIN_VALUE, "a"), event(-1_000_000_000_000L, "b"),
        event(-2, "a"), event(-1, "a"), event(-1, "b"), event(0, "a"), event(0, "b"), event(1, "a"),
        event(9, "z"), event(10, "a"), event(1_700_000_000_000L, "k"), event(Long.MAX_VALUE, "a"));
    List<TimerEntry> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(7));
    index.add(stage, SHARD, shuffled);
    assertThat(due(Long.MAX_VALUE)).containsExactlyElementsOf(expected);
  }

  @Test
  void upToIsAnInclusiveBound() {
    index.add(stage, SHARD, List.of(event(99, "a"), event(100, "a"), event(100, "zzz"), event(101, "a"),
        event(Long.MIN_VALUE, "m"), event(Long.MAX_VALUE, "x")));
    assertThat(due(100)).containsExactly(event(Long.MIN_VALUE, "m"), event(99, "a"), event(100, "a"),
        event(100, "zzz"));
    assertThat(due(99)).containsExactly(event(Long.MIN_VALUE, "m"), event(99, "a"));
    assertThat(due(Long.MIN_VALUE)).containsExactly(event(Long.MIN_VALUE, "m"));
    assertThat(due(Long.MAX_VALUE - 1)).hasSize(5);
    assertThat(due(Long.MAX_VALUE)).hasSize(6);
  }

  @Test
  void theDomainsAreSeparate() {
    index.add(stage, SHARD, List.of(event(5, "e"), processing(5, "p"), processing(3, "q")));
    assertThat(due(10)).containsExactly(event(5, "e"));
    assertThat(index.due(stage, SHARD, PROCESSING_TIME, 10)).containsExactly(processing(3, "q"), processing(5, "p"));
    index.remove(stage, SHARD, List.of(processing(5, "e"))); // same time and key, the other domain
    assertThat(due(10)).containsExactly(event(5, "e"));
    index.remove(stage, SHARD, List.of(event(5, "p")));
    assertThat(index.due(stage, SHARD, PROCESSING_TIME, 10)).hasSize(2);
  }

  @Test
  void shardsAndStagesAreSeparate() {
    index.add(stage, SHARD, List.of(event(1, "a")));
    index.add(stage, "shardId-000000000002", List.of(event(2, "b")));
    index.add(stage + "x", SHARD, List.of(event(3, "c")));
    index.add(stage.substring(0, stage.length() - 1), SHARD, List.of(event(4, "d")));
    assertThat(due(10)).containsExactly(event(1, "a"));
    assertThat(index.due(stage, "shardId-000000000002", EVENT_TIME, 10)).containsExactly(event(2, "b"));
    assertThat(index.due(stage + "x", SHARD, EVENT_TIME, 10)).containsExactly(event(3, "c"));
    assertThat(index.due(stage, "shardId-000000000003", EVENT_TIME, 10)).isEmpty();
  }

  @Test
  void addingAndRemovingAreIdempotent() {
    index.add(stage, SHARD, List.of(event(1, "a"), event(1, "a"), event(2, "b"), event(1, "a")));
    index.add(stage, SHARD, List.of(event(1, "a")));
    assertThat(due(10)).containsExactly(event(1, "a"), event(2, "b"));
    index.remove(stage, SHARD, List.of(event(1, "a"), event(1, "a"), event(3, "never added")));
    index.remove(stage, SHARD, List.of(event(1, "a")));
    assertThat(due(10)).containsExactly(event(2, "b"));
    index.add(stage, SHARD, List.of());
    index.remove(stage, SHARD, List.of());
    assertThat(due(10)).containsExactly(event(2, "b"));
  }

  @Test
  void moreThanOneBatchIsWrittenAndRemoved() {
    List<TimerEntry> entries = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      entries.add(event(1_000 - i / 3, String.format("key-%03d", i)));
    }
    entries.add(processing(5, "p"));
    long before = index.requests();
    index.add(stage, SHARD, entries);
    assertThat(index.requests() - before).isEqualTo(3); // 61 distinct entries, 25 per request
    List<TimerEntry> expected = new ArrayList<>(entries.subList(0, 60));
    expected.sort(TimerKeys.ORDER);
    assertThat(due(1_000)).containsExactlyElementsOf(expected);
    assertThat(due(990)).containsExactlyElementsOf(expected.subList(0, 30)); // times 981..990, 3 keys each

    List<TimerEntry> someTwice = new ArrayList<>(entries.subList(0, 40));
    someTwice.addAll(entries.subList(0, 40));
    before = index.requests();
    index.remove(stage, SHARD, someTwice);
    assertThat(index.requests() - before).isEqualTo(2); // 40 distinct entries
    assertThat(due(1_000)).containsExactlyElementsOf(expected.stream().filter(e -> !entries.subList(0, 40)
        .contains(e)).toList());
    assertThat(index.due(stage, SHARD, PROCESSING_TIME, 5)).containsExactly(processing(5, "p"));
  }

  @Test
  void keysWithTheSeparatorAndAnyUnicodeRoundTripAndSortByCodePoint() {
    List<TimerEntry> expected = List.of(event(7, ""), event(7, "a|b"), event(7, "a|b|"), event(7, "|"),
        event(7, "|}"), event(7, "}"), event(7, "é"), event(7, "€ key"), event(7, "\uffff"), event(7, "😀"),
        event(7, "😀|😀"));
    List<TimerEntry> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(3));
    index.add(stage, SHARD, shuffled);
    index.add(stage, SHARD, List.of(event(8, ""), event(8, "😀"), event(6, "😀")));
    List<TimerEntry> withEarlier = new ArrayList<>();
    withEarlier.add(event(6, "😀"));
    withEarlier.addAll(expected);
    assertThat(due(7)).containsExactlyElementsOf(withEarlier);
    assertThat(due(8)).hasSize(withEarlier.size() + 2);
    index.remove(stage, SHARD, List.of(event(7, "a|b"), event(7, "😀")));
    assertThat(due(7)).doesNotContain(event(7, "a|b"), event(7, "😀")).contains(event(7, "a|b|"), event(7, "😀|😀"))
        .hasSize(withEarlier.size() - 2);
  }

  @Test
  void keysUpToTheSortKeyLimitAreAcceptedAndLongerOnesRefused() {
    String longest = "k".repeat(1003);
    index.add(stage, SHARD, List.of(event(1, longest)));
    assertThat(due(1)).containsExactly(event(1, longest));
    long before = index.requests();
    assertThatThrownBy(() -> index.add(stage, SHARD, List.of(event(2, "ok"), event(1, longest + "k"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
    assertThatThrownBy(() -> index.add(stage, SHARD, List.of(event(1, "é".repeat(502)))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(index.requests()).isEqualTo(before);
    assertThat(due(2)).containsExactly(event(1, longest));
  }

  @Test
  void aStageOrShardWithTheSeparatorIsRefused() {
    assertThatThrownBy(() -> index.add("a|b", SHARD, List.of(event(1, "k"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'|'");
    assertThatThrownBy(() -> index.due(stage, "s|1", EVENT_TIME, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> index.remove("", SHARD, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachDueIsOneRequest() {
    index.add(stage, SHARD, List.of(event(1, "a")));
    long before = index.requests();
    due(5);
    index.due(stage, SHARD, PROCESSING_TIME, 5);
    assertThat(index.requests() - before).isEqualTo(2);
  }
}
