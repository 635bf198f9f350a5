package dev.runnel.inference.calling;

import java.util.concurrent.CompletableFuture;

/**
 * Cancels a request when what depends on it is cancelled (an attempt's timeout cancels the dependent future only),
 * so that an abandoned attempt frees its connection instead of completing unseen.
 */
public final class CancelPropagation {
  private CancelPropagation() {}

  /** {@code dependent}, which cancels {@code source} when it is cancelled. */
  public static <T> CompletableFuture<T> upstream(CompletableFuture<?> source, CompletableFuture<T> dependent) {
    dependent.whenComplete((value, error) -> {
      if (dependent.isCancelled()) {
        source.cancel(true);
      }
    });
    return dependent;
  }
}
