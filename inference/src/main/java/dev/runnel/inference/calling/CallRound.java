package dev.runnel.inference.calling;

import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller.PromptResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The calls of one {@code callAll}: at most {@code maxConcurrency} under way at once, each result reported as it
 * arrives (one report at a time), and what stopped the round, if anything.
 */
final class CallRound {
  private final Consumer<PromptResult> onResult;
  private final InferenceCounters counters;
  private final int maxConcurrency;
  private final Semaphore slots;
  private final Set<PendingCall> pending = ConcurrentHashMap.newKeySet();
  private volatile RuntimeException stop;

  CallRound(Consumer<PromptResult> onResult, InferenceCounters counters, int maxConcurrency) {
    this.onResult = onResult;
    this.counters = counters;
    this.maxConcurrency = maxConcurrency;
    this.slots = new Semaphore(maxConcurrency);
  }

  /** Waits for a free slot, then starts a call; its results are reported when they come. */
  void submit(Supplier<PendingCall> start) {
    slots.acquireUninterruptibly();
    PendingCall call;
    try {
      call = start.get();
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
    pending.add(call);
    call.results().whenComplete((results, error) -> {
      try {
        if (error == null) {
          report(results);
        } else {
          stopWith(CallFailure.unwrap(error));
        }
      } finally {
        pending.remove(call);
        slots.release();
      }
    });
  }

  /** True when something ended the round early: no more calls should start. */
  boolean stopped() {
    return stop != null;
  }

  /** Ends the round early because {@code cause}. The first cause wins. */
  synchronized void stopWith(Throwable cause) {
    if (stop == null) {
      stop = cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
  }

  /** Gives up the retries that are waiting for their next attempt (the circuit opened). */
  void cancelWaitingRetries() {
    pending.forEach(PendingCall::cancelIfWaiting);
  }

  /** Waits until every call started has finished and reported. */
  void awaitAll() {
    // a call releases its slot after it reported: holding every slot means none is under way
    slots.acquireUninterruptibly(maxConcurrency);
    slots.release(maxConcurrency);
  }

  /** Throws what ended the round early, if anything. */
  void throwIfStopped() {
    if (stop != null) {
      throw stop;
    }
  }

  private synchronized void report(List<PromptResult> results) {
    for (PromptResult result : results) {
      try {
        counters.answered(result.result());
        onResult.accept(result);
      } catch (RuntimeException e) {
        stopWith(e);
      }
    }
  }
}
