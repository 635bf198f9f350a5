package dev.runnel.checkpointing.sourceid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id memory's decisions: positions, horizon, bounds, a retried batch and a re-split one. */
class SeenIdsTest {
  private static final long WINDOW = 600_000;
  private static final long T0 = 1_800_000_000_000L;

  /** One record of a shard: its id, position and arrival. */
  private record Rec(String id, long seq, long arrival) {
    String sequence() {
      return String.valueOf(1_000_000 + seq);
    }
  }

  /** Decides a batch and keeps it, as a committed batch does; returns the ids of the records applied. */
  private static List<String> run(SeenIds memory, List<Rec> batch) {
    List<String> applied = new ArrayList<>();
    SeenIds.Batch decisions = memory.batch();
    for (Rec r : batch) {
      if (!decisions.isCopy(IdHash.of(r.id()), r.sequence(), r.arrival())) {
        applied.add(r.id() + "@" + r.seq());
      }
    }
    decisions.keep(batch.get(batch.size() - 1).sequence());
    return applied;
  }

  @Test
  void aLaterCopyInTheSameBatchOrALaterOneIsDroppedAndTheFirstIsApplied() {
    SeenIds memory = new SeenIds(WINDOW);
    assertThat(run(memory, List.of(new Rec("a", 1, T0), new Rec("b", 2, T0), new Rec("a", 3, T0 + 5))))
        .containsExactly("a@1", "b@2");
    assertThat(run(memory, List.of(new Rec("c", 4, T0 + 10), new Rec("b", 5, T0 + 20))))
        .containsExactly("c@4");
  }

  @Test
  void aRetriedBatchFindsItsOwnRecordsAtTheirPositionsAndAppliesThemAgain() {
    SeenIds memory = new SeenIds(WINDOW);
    List<Rec> batch = List.of(new Rec("a", 1, T0), new Rec("b", 2, T0), new Rec("a", 3, T0));
    assertThat(run(memory, batch)).containsExactly("a@1", "b@2");
    // the segment was written but the checkpoint commit failed: the same batch comes again
    assertThat(memory.covers(null)).isTrue();
    assertThat(run(memory, batch)).as("the same decisions, not 'every record is a copy'")
        .containsExactly("a@1", "b@2");
  }

  @Test
  void aReSplitRetryDecidesEveryRecordAsTheWholeBatchDid() {
    List<Rec> records = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      records.add(new Rec("id" + random.nextInt(60), i, T0 + i * 1_000L));
    }
    List<String> whole = run(new SeenIds(WINDOW), records);

    SeenIds memory = new SeenIds(WINDOW);
    List<String> first = run(memory, records.subList(0, 130)); // a zombie got this far, wrote, never committed
    memory.committed(records.get(49).sequence());               // the retry committed only the first half
    List<String> again = new ArrayList<>(run(memory, records.subList(50, 100)));
    again.addAll(run(memory, records.subList(100, 200)));
    List<String> split = new ArrayList<>(first.stream().filter(r -> seqOf(r) < 50).toList());
    split.addAll(again);
    assertThat(split).isEqualTo(whole);
  }

  @Test
  void aCopyArrivingAfterTheWindowIsANewFirstCopy() {
    SeenIds memory = new SeenIds(WINDOW);
    run(memory, List.of(new Rec("a", 1, T0)));
    assertThat(run(memory, List.of(new Rec("a", 2, T0 + WINDOW)))).as("at the window's end: still a copy").isEmpty();
    assertThat(run(memory, List.of(new Rec("a", 3, T0 + WINDOW + 1)))).containsExactly("a@3");
    assertThat(run(memory, List.of(new Rec("a", 4, T0 + WINDOW + 2)))).as("a copy of the new first copy").isEmpty();
  }

  @Test
  void idsOlderThanTheWindowAreForgottenAndTheCountIsBounded() {
    SeenIds memory = new SeenIds(WINDOW, 100);
    for (int i = 0; i < 50; i++) {
      run(memory, List.of(new Rec("old" + i, i, T0)));
    }
    run(memory, List.of(new Rec("new", 100, T0 + WINDOW + SeenIds.SLACK_MILLIS + 1)));
    assertThat(memory.size()).isEqualTo(1);
    for (int i = 0; i < 150; i++) {
      run(memory, List.of(new Rec("n" + i, 200 + i, T0 + WINDOW + SeenIds.SLACK_MILLIS + 2)));
    }
    assertThat(memory.size()).isEqualTo(100);
    assertThat(new SeenIds(600_000).capacity()).as("the window at a shard's 1,000 records/s").isEqualTo(600_000);
  }

  @Test
  void aMemoryRebuiltFromSegmentsPutsTheirIdsBeforeEveryRecordToCome() {
    SeenIds memory = SeenIds.rebuilt(WINDOW, 1_000, List.of(new SeenId(IdHash.of("a"), T0)), "1000005");
    assertThat(memory.covers("1000005")).isTrue();
    assertThat(memory.covers("1000006")).as("another instance committed more: rebuild").isFalse();
    assertThat(run(memory, List.of(new Rec("a", 6, T0 + 1), new Rec("b", 7, T0 + 1)))).containsExactly("b@7");
  }

  @Test
  void aRecordIsNeverACopyOfALaterRecordAFailedAttemptRemembered() {
    SeenIds memory = new SeenIds(WINDOW);
    // a failed attempt saw only the later copy (positions 1..4 were re-split away) and kept it
    run(memory, List.of(new Rec("x", 5, T0)));
    assertThat(run(memory, List.of(new Rec("a", 1, T0), new Rec("x", 2, T0), new Rec("x", 5, T0))))
        .containsExactly("a@1", "x@2");
  }

  @Test
  void hashesAreStableAndSpreadDistinctIds() {
    assertThat(IdHash.of("order-1")).isEqualTo(IdHash.of("order-1")).isNotEqualTo(IdHash.of("order-2"));
    assertThat(new java.util.HashSet<>(java.util.stream.IntStream.range(0, 100_000)
        .mapToObj(i -> IdHash.of("id" + i)).toList())).hasSize(100_000);
  }

  private static long seqOf(String applied) {
    return Long.parseLong(applied.substring(applied.indexOf('@') + 1));
  }
}
