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
    assertThat(store.load(stage, shard)).contains(new Checkpoint(stage, shard, P1));
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

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
