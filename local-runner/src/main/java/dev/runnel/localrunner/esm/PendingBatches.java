package dev.runnel.localrunner.esm;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sizes of the batches still owed after bisecting. Every batch starts at the shard's checkpoint, so a bisected
 * batch of n records is simply "the next n/2, then the next n - n/2". Empty means: cut a full batch.
 */
final class PendingBatches {
  private final Deque<Integer> sizes = new ArrayDeque<>();

  /** The size of the next batch: the owed half, or the full batch size when nothing is owed. */
  int nextSize(int batchSize, int buffered) {
    return Math.min(sizes.isEmpty() ? batchSize : sizes.peek(), buffered);
  }

  /** Replaces the failed batch of {@code n} records by its two halves, first half first. */
  void bisect(int n) {
    sizes.poll();
    sizes.push(n - n / 2);
    sizes.push(n / 2);
  }

  /** The batch of {@code n} records is done with (processed or discarded). */
  void completed() {
    sizes.poll();
  }

  /** The first {@code done} records of the current batch are checkpointed; the rest of it is retried. */
  void checkpointed(int done, int n) {
    if (!sizes.isEmpty()) {
      sizes.poll();
      sizes.push(n - done);
    }
  }
}
