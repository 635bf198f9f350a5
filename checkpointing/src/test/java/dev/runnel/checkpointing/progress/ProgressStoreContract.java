package dev.runnel.checkpointing.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of every {@link ProgressStore}; subclasses supply a fresh store. Each test uses its own stage. */
abstract class ProgressStoreContract {
  private static final AtomicInteger STAGES = new AtomicInteger();
  private static final long NONE = Long.MIN_VALUE;

  protected ProgressStore store;
  protected String stage;

  /** A new store over an empty or shared backend. */
  protected abstract ProgressStore newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
    stage = "stage-" + STAGES.incrementAndGet();
  }

  private ShardProgress row(String shard, long watermark, long lastRecordMillis) {
    return new ShardProgress(stage, shard, watermark, lastRecordMillis);
  }

  @Test
  void aStageThatPublishedNothingHasNoRows() {
    assertThat(store.read(stage)).isEmpty();
  }

  @Test
  void publishedRowsAreReadBackInShardOrder() {
    store.publish(row("shardId-000000000002", 200, 2_000));
    store.publish(row("shardId-000000000000", 0, 1_000));
    store.publish(row("shardId-000000000001", -100, NONE));
    assertThat(store.read(stage)).containsExactly(row("shardId-000000000000", 0, 1_000),
        row("shardId-000000000001", -100, NONE), row("shardId-000000000002", 200, 2_000));
  }

  @Test
  void aRowRisesWithLaterPublishes() {
    store.publish(row("s", NONE, NONE));
    assertThat(store.read(stage)).containsExactly(row("s", NONE, NONE));
    store.publish(row("s", 10, 100));
    store.publish(row("s", 20, 100));
    store.publish(row("s", 20, 300));
    assertThat(store.read(stage)).containsExactly(row("s", 20, 300));
  }

  @Test
  void aLowerPublishChangesNothing() {
    store.publish(row("s", 50, 500));
    store.publish(row("s", 40, 400));
    store.publish(row("s", NONE, NONE));
    store.publish(row("s", 50, 500));
    assertThat(store.read(stage)).containsExactly(row("s", 50, 500));
  }

  @Test
  void eachNumberRisesOnItsOwnAndNeitherGoesBack() {
    store.publish(row("s", 50, 500));
    store.publish(row("s", 40, 600)); // the watermark is behind, the record time ahead
    assertThat(store.read(stage)).containsExactly(row("s", 50, 600));
    store.publish(row("s", 70, 100)); // the other way round
    assertThat(store.read(stage)).containsExactly(row("s", 70, 600));
    store.publish(row("s", Long.MAX_VALUE, Long.MAX_VALUE));
    assertThat(store.read(stage)).containsExactly(row("s", Long.MAX_VALUE, Long.MAX_VALUE));
  }

  @Test
  void stagesAreSeparate() {
    store.publish(row("s", 1, 1));
    store.publish(new ShardProgress(stage + "-b", "s", 2, 2));
    store.publish(new ShardProgress(stage + "-", "t", 3, 3));
    assertThat(store.read(stage)).containsExactly(row("s", 1, 1));
    assertThat(store.read(stage + "-b")).containsExactly(new ShardProgress(stage + "-b", "s", 2, 2));
  }

  @Test
  void manyShardsAreAllRead() {
    List<ShardProgress> expected = new ArrayList<>();
    for (int shard = 0; shard < 30; shard++) {
      ShardProgress progress = row(String.format("shardId-%012d", shard), shard * 10L, shard * 100L);
      store.publish(progress);
      expected.add(progress);
    }
    assertThat(store.read(stage)).containsExactlyElementsOf(expected);
  }

  @Test
  void concurrentPublishersLeaveTheHighestOfEachNumber() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<Void>> publishers = new ArrayList<>();
      long[] highest = {NONE, NONE};
      for (int t = 0; t < 4; t++) {
        Random random = new Random(t);
        List<ShardProgress> mine = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
          ShardProgress progress = row("s", random.nextInt(1_000) - 500, random.nextInt(1_000));
          mine.add(progress);
          highest[0] = Math.max(highest[0], progress.watermark());
          highest[1] = Math.max(highest[1], progress.lastRecordMillis());
        }
        publishers.add(CompletableFuture.runAsync(() -> {
          await(go);
          mine.forEach(store::publish);
        }, threads));
      }
      go.countDown();
      for (CompletableFuture<Void> publisher : publishers) {
        publisher.get();
      }
      assertThat(store.read(stage)).containsExactly(row("s", highest[0], highest[1]));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void requestsAreCounted() {
    long before = store.requests();
    store.publish(row("s", 1, 1));
    store.publish(row("s", 2, 2));
    store.read(stage);
    assertThat(store.requests() - before).isEqualTo(3);
  }

  @Test
  void aRowNeedsAStageAndAShard() {
    assertThatThrownBy(() -> store.publish(row("", 1, 1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.publish(new ShardProgress("", "s", 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.publish(new ShardProgress(null, "s", 1, 1)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.read("")).isInstanceOf(IllegalArgumentException.class);
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
