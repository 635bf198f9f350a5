package dev.runnel.checkpointing.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.checkpointing.checkpoint.CheckpointCounters.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of every {@link CheckpointStore}; subclasses supply a fresh store. */
abstract class CheckpointStoreContract {
  private static final AtomicInteger STAGES = new AtomicInteger();

  /** 56-digit sequence numbers, as Kinesis writes them. */
  private static final String P1 = "49590338271490256608559692538361571095921575989136588801";
  private static final String P2 = "49590338271490256608559692538361571095921575989136588802";
  private static final String P3 = "49590338271490256608559692538361571095921575989136588803";

  private CheckpointStore store;
  private String stage;
  private final String shard = "shardId-000000000001";

  /** A new store over an empty or shared backend; each test uses its own stage name. */
  protected abstract CheckpointStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
    stage = "stage-" + STAGES.incrementAndGet();
  }

  @Test
  void firstCommitExpectsNoCheckpointAndLoadReturnsIt() {
    assertThat(store.load(stage, shard)).isEmpty();
    assertThat(store.commit(stage, shard, null, P1)).isTrue();
    assertThat(store.load(stage, shard)).contains(new Checkpoint(stage, shard, P1, null, 1));
  }

  @Test
  void theFailingSpansOfLaneBatchesAreKeptApartAndCanAllBeDropped() {
    // a stage in parallel lanes commits no position: its item holds only failures, one span per lane batch
    BatchFailures.Suspect laneA = new BatchFailures.Suspect(P3, 4, 2, false, "lane a");
    BatchFailures.Suspect laneB = new BatchFailures.Suspect(P1, 7, 1, true, "lane b");
    BatchFailures both = BatchFailures.NONE.withLaneSuspect(laneA).withLaneSuspect(laneB)
        .withPoisoned(new BatchFailures.Poisoned(P2, "attempts", "failed alone"));
    Checkpoint first = Checkpoint.recordingFailures(null, stage, shard, both);
    assertThat(store.commit(null, first)).isTrue();
    Checkpoint read = store.load(stage, shard).orElseThrow();
    assertThat(read.position()).isNull();
    assertThat(read.failures().laneSuspects()).containsExactly(laneB, laneA);
    assertThat(read.failures().laneSuspect(P3)).contains(laneA);
    assertThat(read.failures().suspect()).isNull();

    Checkpoint counted = Checkpoint.recordingFailures(read, stage, shard,
        read.failures().withLaneSuspect(new BatchFailures.Suspect(P3, 4, 3, false, "lane a again")));
    assertThat(store.commit(read, counted)).isTrue();
    assertThat(store.load(stage, shard).orElseThrow().failures().laneSuspect(P3).orElseThrow().attempts())
        .isEqualTo(3);

    Checkpoint cleared = Checkpoint.recordingFailures(counted, stage, shard,
        counted.failures().withoutLaneEntries(java.util.Set.of(P1, P2, P3)));
    assertThat(store.commit(counted, cleared)).isTrue();
    Checkpoint empty = store.load(stage, shard).orElseThrow();
    assertThat(empty.failures()).isEqualTo(BatchFailures.NONE);
    assertThat(empty.position()).isNull();
    assertThat(empty.revision()).isEqualTo(3);
  }

  @Test
  void aHandedOverCheckpointIsKeptAndFencesACommitFromTheRevisionBefore() {
    Checkpoint first = Checkpoint.first(stage, shard, P1, new ShardTime(5, 6, ShardTime.NONE, ShardTime.NONE, 7, 8));
    assertThat(store.commit(null, first)).isTrue();
    Checkpoint handedOver = first.handOver();
    assertThat(store.commit(first, handedOver)).isTrue();
    assertThat(store.load(stage, shard)).contains(handedOver);
    assertThat(store.load(stage, shard).orElseThrow().handedOver()).isTrue();
    assertThat(store.commit(first, first.next(P2, first.time()))).as("a zombie of the parent").isFalse();
    assertThat(store.load(stage, shard)).contains(handedOver);
  }

  @Test
  void aSecondFirstCommitLosesToTheFirst() {
    assertThat(store.commit(stage, shard, null, P1)).isTrue();
    assertThat(store.commit(stage, shard, null, P2)).isFalse();
    assertThat(store.load(stage, shard)).map(Checkpoint::position).contains(P1);
  }

  @Test
  void aZombieCommittingFromAStalePositionLosesAndChangesNothing() {
    assertThat(store.commit(stage, shard, null, P1)).isTrue();
    assertThat(store.commit(stage, shard, P1, P3)).isTrue(); // the retry committed its batch
    assertThat(store.commit(stage, shard, P1, P2)).isFalse(); // the zombie read P1 before that
    assertThat(store.commit(stage, shard, null, P2)).isFalse();
    assertThat(store.load(stage, shard)).map(Checkpoint::position).contains(P3);
  }

  @Test
  void sequentialCommitsMoveForwardComparedAsNumbersNotStrings() {
    String previous = null;
    for (String next : List.of("9", "10", "99", "100", P1, P2, P3)) {
      assertThat(store.commit(stage, shard, previous, next)).as(previous + " -> " + next).isTrue();
      previous = next;
    }
    assertThat(store.load(stage, shard)).map(Checkpoint::position).contains(P3);
  }

  @Test
  void aPositionThatDoesNotMoveForwardIsRejectedBeforeAnyRequest() {
    assertThat(store.commit(stage, shard, null, "10")).isTrue();
    long commits = store.counters().requests(Request.COMMIT);
    assertThatThrownBy(() -> store.commit(stage, shard, "10", "10")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
    assertThatThrownBy(() -> store.commit(stage, shard, "10", "9")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.commit(stage, shard, "10", "x11")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.commit(stage, shard, null, "")).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.counters().requests(Request.COMMIT)).isEqualTo(commits);
    assertThat(store.load(stage, shard)).map(Checkpoint::position).contains("10");
  }

  @Test
  void checkpointsOfOtherShardsAndStagesAreIndependent() {
    assertThat(store.commit(stage, shard, null, P1)).isTrue();
    assertThat(store.commit(stage, "shardId-000000000002", null, P2)).isTrue();
    assertThat(store.commit(stage + "-b", shard, null, P3)).isTrue();
    assertThat(store.load(stage, shard)).map(Checkpoint::position).contains(P1);
    assertThat(store.load(stage, "shardId-000000000002")).map(Checkpoint::position).contains(P2);
    assertThat(store.load(stage + "-b", shard)).map(Checkpoint::position).contains(P3);
  }

  @Test
  void ofTwoConcurrentCommitsFromTheSamePositionExactlyOneWins() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      String expected = null;
      for (int round = 0; round < 10; round++) {
        String current = expected;
        String mine = Integer.toString(100 + 10 * round + 1);
        String theirs = Integer.toString(100 + 10 * round + 2);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (String next : List.of(mine, theirs)) {
          attempts.add(CompletableFuture.supplyAsync(() -> {
            await(go);
            return store.commit(stage, shard, current, next);
          }, threads));
        }
        go.countDown();
        boolean first = attempts.get(0).get();
        boolean second = attempts.get(1).get();
        assertThat(first ^ second).as("round " + round + ": exactly one wins").isTrue();
        String winner = first ? mine : theirs;
        assertThat(store.load(stage, shard)).map(Checkpoint::position).contains(winner);
        expected = winner;
      }
      assertThat(store.counters().conflicts()).isEqualTo(10);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void countersCountLogicalRequestsAndUnits() {
    store.load(stage, shard);
    store.commit(stage, shard, null, P1);
    store.commit(stage, shard, null, P2); // lost
    store.commit(stage, shard, P1, P2);
    store.load(stage, shard);
    CheckpointCounters counters = store.counters();
    assertThat(counters.requests(Request.LOAD)).isEqualTo(2);
    assertThat(counters.requests(Request.COMMIT)).isEqualTo(3);
    assertThat(counters.conflicts()).isEqualTo(1);
    assertThat(counters.retries()).isZero();
    assertThat(counters.readUnits()).isEqualTo(2.0); // a consistent read of a small item: 1 unit
    assertThat(counters.writeUnits()).isEqualTo(3.0); // a small write, won or lost: 1 unit
  }

  // ---- commits by revision (stages with time) ----

  private static final ShardTime T1 = new ShardTime(1_000, 2_000, ShardTime.NONE, ShardTime.NONE, 6_000, 7_000);
  private static final ShardTime T2 = new ShardTime(1_500, 2_500, 1_400, ShardTime.NONE, 6_500, 7_500);

  @Test
  void aFirstCommitByRevisionIsLoadedWithItsTimeAndRevisionOne() {
    Checkpoint first = Checkpoint.first(stage, shard, P1, T1);
    assertThat(store.commit(null, first)).isTrue();
    assertThat(store.load(stage, shard)).contains(first);
    assertThat(store.load(stage, shard).orElseThrow().revision()).isEqualTo(1);
  }

  @Test
  void aSecondFirstCommitByRevisionLosesAndChangesNothing() {
    Checkpoint first = Checkpoint.first(stage, shard, P1, T1);
    assertThat(store.commit(null, first)).isTrue();
    assertThat(store.commit(null, Checkpoint.first(stage, shard, P2, T2))).isFalse();
    assertThat(store.commit(null, Checkpoint.first(stage, shard, null, T2))).isFalse();
    assertThat(store.load(stage, shard)).contains(first);
    assertThat(store.counters().conflicts()).isEqualTo(2);
  }

  @Test
  void aFirstCommitByRevisionLosesToAPositionCommit() {
    assertThat(store.commit(stage, shard, null, P1)).isTrue();
    assertThat(store.commit(null, Checkpoint.first(stage, shard, P2, T1))).isFalse();
    assertThat(store.load(stage, shard)).contains(new Checkpoint(stage, shard, P1, null, 1));
  }

  @Test
  void ofTwoCommitsFromTheSameRevisionOnlyTheFirstWinsAndAStaleOneLosesLater() {
    Checkpoint first = Checkpoint.first(stage, shard, P1, T1);
    assertThat(store.commit(null, first)).isTrue();
    Checkpoint retry = first.next(P3, T2);
    Checkpoint zombie = first.next(P2, T1);
    assertThat(store.commit(first, retry)).isTrue();
    assertThat(store.commit(first, zombie)).isFalse();
    assertThat(store.commit(first, first.next(P3, T2))).isFalse(); // even the same content: the revision moved
    assertThat(store.load(stage, shard)).contains(retry);
    Checkpoint third = retry.next(P3, T2);
    assertThat(store.commit(retry, third)).isTrue();
    assertThat(store.commit(retry, retry.next(P3, T1))).isFalse();
    assertThat(store.load(stage, shard)).contains(third);
  }

  @Test
  void anExpectedCheckpointWhoseItemIsMissingLoses() {
    Checkpoint imagined = new Checkpoint(stage, shard, P1, T1, 3);
    assertThat(store.commit(imagined, imagined.next(P2, T1))).isFalse();
    Checkpoint legacy = new Checkpoint(stage, shard, P1);
    assertThat(store.commit(legacy, legacy.next(P2, T1))).isFalse();
    assertThat(store.load(stage, shard)).isEmpty();
  }

  @Test
  void anExpectedCheckpointAtTheRightRevisionButAnotherPositionLoses() {
    Checkpoint first = Checkpoint.first(stage, shard, P2, T1);
    assertThat(store.commit(null, first)).isTrue();
    Checkpoint wrong = new Checkpoint(stage, shard, P1, T1, 1);
    assertThat(store.commit(wrong, wrong.next(P1, T2))).isFalse();
    Checkpoint noPosition = new Checkpoint(stage, shard, null, T1, 1);
    assertThat(store.commit(noPosition, noPosition.next(P3, T2))).isFalse();
    assertThat(store.load(stage, shard)).contains(first);
  }

  @Test
  void ofTwoConcurrentCommitsFromTheSameRevisionExactlyOneWins() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Checkpoint expected = null;
      for (int round = 0; round < 10; round++) {
        Checkpoint current = expected;
        String position = Integer.toString(100 + round);
        Checkpoint mine = current == null ? Checkpoint.first(stage, shard, position, T1)
            : current.next(position, new ShardTime(round, 1, ShardTime.NONE, ShardTime.NONE, round, 1));
        Checkpoint theirs = current == null ? Checkpoint.first(stage, shard, position, T2)
            : current.next(position, new ShardTime(round, 2, ShardTime.NONE, ShardTime.NONE, round, 2));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (Checkpoint next : List.of(mine, theirs)) {
          attempts.add(CompletableFuture.supplyAsync(() -> {
            await(go);
            return store.commit(current, next);
          }, threads));
        }
        go.countDown();
        boolean first = attempts.get(0).get();
        boolean second = attempts.get(1).get();
        assertThat(first ^ second).as("round " + round + ": exactly one wins").isTrue();
        Checkpoint winner = first ? mine : theirs;
        assertThat(store.load(stage, shard)).contains(winner);
        expected = winner;
      }
      assertThat(store.counters().conflicts()).isEqualTo(10);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void everyTimeFieldRoundTripsIncludingNoneAndExtremes() {
    List<ShardTime> times = List.of(
        ShardTime.START,
        new ShardTime(-5, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE),
        new ShardTime(ShardTime.NONE, 0, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE),
        new ShardTime(ShardTime.NONE, ShardTime.NONE, Long.MAX_VALUE, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE),
        new ShardTime(ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, Long.MIN_VALUE + 1, ShardTime.NONE,
            ShardTime.NONE),
        new ShardTime(ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, 1_700_000_000_123L,
            ShardTime.NONE),
        new ShardTime(ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, ShardTime.NONE, -1),
        new ShardTime(Long.MAX_VALUE, -1_000, 17, Long.MIN_VALUE + 1, 0, 1_700_000_000_000L),
        new ShardTime(5, 6, 7, 8, 9, 10, java.util.Map.of("up|shardId-000000000000", 4L,
            "up|shardId-000000000001", Long.MAX_VALUE, "up|shardId-000000000002", -7L)));
    Checkpoint previous = null;
    for (ShardTime time : times) {
      Checkpoint next = previous == null ? Checkpoint.first(stage, shard, P1, time) : previous.next(P1, time);
      assertThat(store.commit(previous, next)).as(time.toString()).isTrue();
      assertThat(store.load(stage, shard)).as(time.toString()).contains(next);
      previous = next;
    }
    assertThat(previous.revision()).isEqualTo(times.size());
  }

  @Test
  void aTimeOnlyCommitHasNoPositionUntilOneIsCommitted() {
    Checkpoint tick = Checkpoint.first(stage, shard, null, ShardTime.START);
    assertThat(store.commit(null, tick)).isTrue();
    Checkpoint loaded = store.load(stage, shard).orElseThrow();
    assertThat(loaded).isEqualTo(tick);
    assertThat(loaded.position()).isNull();
    assertThat(loaded.covers("1")).isFalse();

    Checkpoint secondTick = loaded.next(null, T1);
    assertThat(store.commit(loaded, secondTick)).isTrue();
    Checkpoint batch = secondTick.next(P1, T2);
    assertThat(store.commit(secondTick, batch)).isTrue();
    Checkpoint tickAfterBatch = batch.next(P1, T2); // a tick keeps the position
    assertThat(store.commit(batch, tickAfterBatch)).isTrue();
    assertThat(store.load(stage, shard)).contains(tickAfterBatch);
    assertThat(tickAfterBatch.covers(P1)).isTrue();
  }

  @Test
  void aCommitByRevisionNeverMovesThePositionBackAndIsCheckedBeforeAnyRequest() {
    Checkpoint first = Checkpoint.first(stage, shard, P2, T1);
    assertThat(store.commit(null, first)).isTrue();
    long commits = store.counters().requests(Request.COMMIT);
    assertThatThrownBy(() -> store.commit(first, first.next(P1, T2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
    assertThatThrownBy(() -> store.commit(first, first.next(null, T2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
    assertThatThrownBy(() -> store.commit(first, new Checkpoint(stage, shard, P3, T2, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revision 2");
    assertThatThrownBy(() -> store.commit(first, new Checkpoint(stage, shard, P3, T2, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.commit(null, new Checkpoint(stage, shard, P3, T2, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revision 1");
    assertThatThrownBy(() -> store.commit(first, new Checkpoint(stage, "other-shard", P3, T2, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.commit(first, new Checkpoint(stage + "-b", shard, P3, T2, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.counters().requests(Request.COMMIT)).isEqualTo(commits);
    assertThat(store.load(stage, shard)).contains(first);
  }

  @Test
  void aPositionCommitBumpsTheRevisionAndKeepsTheTime() {
    assertThat(store.commit(stage, shard, null, P1)).isTrue();
    Checkpoint byPosition = store.load(stage, shard).orElseThrow();
    assertThat(byPosition).isEqualTo(new Checkpoint(stage, shard, P1, null, 1));

    Checkpoint timed = byPosition.next(P2, T1);
    assertThat(store.commit(byPosition, timed)).isTrue();
    assertThat(store.commit(stage, shard, P2, P3)).isTrue();
    assertThat(store.load(stage, shard)).contains(new Checkpoint(stage, shard, P3, T1, 3));
    assertThat(store.commit(timed, timed.next(P3, T2))).isFalse(); // the position commit moved the revision
  }

  @Test
  void aPositionCommitFromNothingSucceedsOnATimeOnlyItem() {
    assertThat(store.commit(null, Checkpoint.first(stage, shard, null, T1))).isTrue();
    assertThat(store.commit(stage, shard, P1, P2)).isFalse();
    assertThat(store.commit(stage, shard, null, P1)).isTrue();
    assertThat(store.load(stage, shard)).contains(new Checkpoint(stage, shard, P1, T1, 2));
  }

  @Test
  void theStateLogANamedCheckpointCommitsIsLoadedAndKeptByLaterCommits() {
    Checkpoint first = Checkpoint.first(stage, shard, P1, T1);
    assertThat(store.commit(null, first)).isTrue();
    assertThat(store.load(stage, shard).orElseThrow().stateLog()).isNull();

    StateLogRefs refs = StateLogRefs.EMPTY.append(new StateLogRefs.Logged(2, "a1b2c3d4", 1, 1_500));
    Checkpoint second = first.next(P2, T2, refs);
    assertThat(store.commit(first, second)).isTrue();
    assertThat(store.load(stage, shard)).contains(second);
    assertThat(store.load(stage, shard).orElseThrow().stateLog()).isEqualTo(refs);

    StateLogRefs compacted = new StateLogRefs(new StateLogRefs.Logged(3, "zz", 4, 1_200_000), List.of());
    Checkpoint third = second.next(P2, T2, compacted);
    assertThat(store.commit(second, third)).isTrue();
    assertThat(store.load(stage, shard).orElseThrow().stateLog()).isEqualTo(compacted);

    Checkpoint timeOnly = third.next(P2, T2);
    assertThat(store.commit(third, timeOnly)).isTrue();
    assertThat(store.load(stage, shard).orElseThrow().stateLog()).isEqualTo(compacted);
    assertThat(store.commit(stage, shard, P2, P3)).isTrue();
    assertThat(store.load(stage, shard).orElseThrow().stateLog()).isEqualTo(compacted);

    Checkpoint byPosition = store.load(stage, shard).orElseThrow();
    assertThat(store.commit(byPosition, byPosition.next(P3, T2, StateLogRefs.EMPTY))).isTrue();
    assertThat(store.load(stage, shard).orElseThrow().stateLog()).isEqualTo(StateLogRefs.EMPTY);
  }

  @Test
  void aStateLogOfManyEntriesRoundTripsInOrder() {
    StateLogRefs refs = new StateLogRefs(new StateLogRefs.Logged(1, "snapshot", 3, 900_000), List.of());
    for (int revision = 2; revision < 34; revision++) {
      refs = refs.append(new StateLogRefs.Logged(revision * 7L, "att" + revision, 1 + revision % 2, revision * 97L));
    }
    Checkpoint first = new Checkpoint(stage, shard, P1, T1, 1, BatchFailures.NONE, refs);
    assertThat(store.commit(null, first)).isTrue();
    assertThat(store.load(stage, shard).orElseThrow().stateLog()).isEqualTo(refs);
  }

  @Test
  void commitsByRevisionAreCounted() {
    Checkpoint first = Checkpoint.first(stage, shard, P1, T1);
    store.commit(null, first);
    store.commit(null, first); // lost
    store.commit(first, first.next(P2, T2));
    CheckpointCounters counters = store.counters();
    assertThat(counters.requests(Request.COMMIT)).isEqualTo(3);
    assertThat(counters.conflicts()).isEqualTo(1);
    assertThat(counters.writeUnits()).isEqualTo(3.0);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
