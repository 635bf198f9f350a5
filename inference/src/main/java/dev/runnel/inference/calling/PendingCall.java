package dev.runnel.inference.calling;

import dev.runnel.inference.ModelCaller.PromptResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One group's request with its retries, under way. Its results complete with every prompt's final result, or fail
 * with {@link dev.runnel.inference.ModelUnavailableException} when the circuit stopped it.
 */
final class PendingCall {
  private final AtomicBoolean sending = new AtomicBoolean();
  private volatile CompletableFuture<?> retries;
  private volatile CompletableFuture<List<PromptResult>> results;

  /** Marks whether a request is being sent now (rather than waiting for the next retry). */
  void sending(boolean now) {
    sending.set(now);
  }

  /** Attaches the retrying execution and the results it leads to. */
  void attach(CompletableFuture<?> retries, CompletableFuture<List<PromptResult>> results) {
    this.retries = retries;
    this.results = results;
  }

  /** The final results of the group's prompts. */
  CompletableFuture<List<PromptResult>> results() {
    return results;
  }

  /** Gives up the next retry if the call is waiting for it; a request already sent is left to finish. */
  void cancelIfWaiting() {
    CompletableFuture<?> execution = retries;
    if (execution != null && !sending.get()) {
      execution.cancel(false);
    }
  }
}
