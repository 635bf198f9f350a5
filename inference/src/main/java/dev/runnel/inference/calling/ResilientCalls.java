package dev.runnel.inference.calling;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.runnel.inference.AnswerCheck;
import dev.runnel.inference.InferenceCounters;
import dev.runnel.inference.ModelCaller.PromptResult;
import dev.runnel.inference.ModelResult;
import dev.runnel.inference.ModelUnavailableException;
import dev.runnel.inference.Prompt;
import dev.runnel.inference.ratelimit.RateLimiter;
import dev.runnel.plan.ModelLimits;
import dev.runnel.plan.ModelSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where a model's requests get their resilience, with Failsafe: the shared rate limit before every
 * request, a timeout per attempt, retries with exponential backoff and jitter that wait at least what Retry-After
 * asks, and a circuit breaker that opens when at least half of the last 20 attempts failed on the endpoint's side
 * (5xx, timeouts, connection errors).
 */
final class ResilientCalls {
  /** Failures among the last {@link #WINDOW} attempts that open the circuit. */
  static final int FAILURES_TO_OPEN = 10;
  /** The attempts the circuit breaker looks back on. */
  static final int WINDOW = 20;

  private final String modelLabel;
  private final String modelName;
  private final RateLimiter rateLimiter;
  private final InferenceCounters counters;
  private final ExecutorService executor;
  private final Backoff backoff;
  private final long timeoutMillis;
  private final CircuitBreaker<List<Answer>> breaker;
  private final FailsafeExecutor<List<Answer>> retrying;
  private final FailsafeExecutor<List<Answer>> timing;
  private volatile String lastEndpointFailure = "the endpoint failed repeatedly";

  /**
   * Resilient calls to {@code model}.
   *
   * @param onOpen run when the circuit opens
   */
  ResilientCalls(ModelSpec model, RateLimiter rateLimiter, InferenceCounters counters, ExecutorService executor,
      Backoff backoff, Runnable onOpen) {
    ModelLimits limits = model.limits();
    this.modelLabel = "model '" + model.name() + "' (" + model.modelId() + ")";
    this.modelName = model.name();
    this.rateLimiter = rateLimiter;
    this.counters = counters;
    this.executor = executor;
    this.backoff = backoff;
    this.timeoutMillis = limits.timeoutMillis();
    this.breaker = CircuitBreaker.<List<Answer>>builder()
        .handleIf((List<Answer> result, Throwable error) -> endpointFault(error))
        .withFailureThreshold(FAILURES_TO_OPEN, WINDOW)
        .withSuccessThreshold(1)
        .withDelay(Duration.ofMillis(limits.circuitOpenMillis()))
        .onOpen(event -> onOpen.run())
        .build();
    RetryPolicy<List<Answer>> retries = RetryPolicy.<List<Answer>>builder()
        .handleIf((List<Answer> result, Throwable error) -> retried(error))
        .withMaxRetries(limits.maxRetries())
        .withDelayFn(context -> delayAfter(context.getAttemptCount(), context.getLastException()))
        .build();
    this.retrying = Failsafe.with(retries, breaker).with(executor);
    this.timing = Failsafe.with(Timeout.<List<Answer>>of(Duration.ofMillis(limits.timeoutMillis()))).with(executor);
  }

  /** Whether the circuit lets new requests through now. */
  Admission admission() {
    if (breaker.isClosed()) {
      return Admission.OPEN_FOR_ALL;
    }
    if (breaker.isOpen() && breaker.getRemainingDelay().toNanos() > 0) {
      return Admission.CLOSED_TO_ALL;
    }
    return Admission.PROBE_ONE;
  }

  /** Why the circuit opened: the last failure that counted against the endpoint. */
  String lastEndpointFailure() {
    return lastEndpointFailure;
  }

  /** Starts asking for {@code group}'s answers, retrying as the policies say. */
  PendingCall start(List<Prompt> group, PromptAsking asking, AnswerCheck check) {
    PendingCall call = new PendingCall();
    long started = System.nanoTime();
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<List<Answer>> answers =
        retrying.getStageAsync(() -> attempt(group, asking, check, attempts, call));
    call.attach(answers, answers.handle((ok, error) -> results(group, ok, error, attempts.get(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))));
    return call;
  }

  /** One attempt: waits for the rate limit, then sends one request within the timeout. */
  private CompletableFuture<List<Answer>> attempt(List<Prompt> group, PromptAsking asking, AnswerCheck check,
      AtomicInteger attempts, PendingCall call) {
    call.sending(true);
    return CompletableFuture.runAsync(() -> admit(asking.tokens(group), attempts), executor)
        .thenCompose(admitted -> timing.getStageAsync(() -> asking.ask(group, check)))
        .handleAsync((answers, error) -> {
          call.sending(false);
          if (error != null) {
            throw classified(error);
          }
          return answers;
        }, executor);
  }

  private void admit(long tokens, AtomicInteger attempts) {
    try {
      rateLimiter.acquire(1, tokens);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the rate limit of " + modelLabel);
    }
    counters.requestSent(attempts.incrementAndGet() > 1);
  }

  private RuntimeException classified(Throwable error) {
    Throwable cause = CallFailure.unwrap(error);
    if (cause instanceof CallFailure || cause instanceof CancellationException) {
      return (RuntimeException) cause;
    }
    if (cause instanceof TimeoutExceededException) {
      return CallFailure.of(FailureKind.TIMEOUT, "no answer within " + timeoutMillis + " ms", cause);
    }
    return new UnexpectedCallFailure(modelLabel, cause);
  }

  private boolean endpointFault(Throwable error) {
    if (error == null) {
      return false;
    }
    CallFailure failure = CallFailure.in(error).orElse(null);
    if (failure == null || !failure.kind().endpointFault()) {
      return false;
    }
    lastEndpointFailure = failure.getMessage();
    return true;
  }

  private static boolean retried(Throwable error) {
    return error != null && CallFailure.in(error).map(failure -> failure.kind().retried()).orElse(false);
  }

  /** The backoff's wait, or longer when the server asked for more (429 and 503 with Retry-After). */
  private Duration delayAfter(int failedAttempts, Throwable error) {
    Duration wait = backoff.after(failedAttempts);
    Duration asked = error == null ? Duration.ZERO
        : CallFailure.in(error).flatMap(CallFailure::retryAfter).orElse(Duration.ZERO);
    return asked.compareTo(wait) > 0 ? asked : wait;
  }

  /**
   * Every prompt's final result; {@link ModelUnavailableException} when the circuit stopped the call; an
   * {@link UnexpectedCallFailure} when the request failed in a way no provider classified (a bug, an
   * {@link OutOfMemoryError} such as "unable to create native thread"). Only a classified failure becomes a record's
   * failed result (and so its dead letter, stored for replays): an unexpected one says nothing about the record, so it
   * fails the batch, which the stage counts and narrows as it does any failure it cannot classify.
   */
  private List<PromptResult> results(List<Prompt> group, List<Answer> answers, Throwable error, int attempts,
      long latencyMillis) {
    List<PromptResult> results = new ArrayList<>(group.size());
    if (error == null) {
      for (int i = 0; i < group.size(); i++) {
        results.add(new PromptResult(group.get(i).key(), answers.get(i).toResult(attempts, latencyMillis)));
      }
      return results;
    }
    Throwable cause = CallFailure.unwrap(error);
    if (cause instanceof CircuitBreakerOpenException
        || cause instanceof CancellationException && admission() != Admission.OPEN_FOR_ALL) {
      throw new ModelUnavailableException(modelName, lastEndpointFailure, cause);
    }
    if (cause instanceof CancellationException cancelled) {
      throw cancelled;
    }
    if (cause instanceof UnexpectedCallFailure unexpected) {
      throw unexpected;
    }
    String message = modelLabel + ": " + classified(cause).getMessage() + " (" + attempts
        + (attempts == 1 ? " attempt)" : " attempts)");
    for (Prompt prompt : group) {
      results.add(new PromptResult(prompt.key(), ModelResult.failed(message, attempts, latencyMillis)));
    }
    return results;
  }
}
