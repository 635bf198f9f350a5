package dev.runnel.modelserver.log;

import dev.runnel.modelserver.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every request the server received, for assertions in tests: counts, duplicate answers, the busiest window (rate
 * limits) and the most requests in flight at once (concurrency limits). Thread-safe.
 */
public final class RequestLog {
  private final List<LoggedRequest> requests = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  /** Creates an empty log. */
  public RequestLog() {
  }

  /** Notes that a request has arrived and is being served; pair with {@link #finished}. */
  public void started() {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
  }

  /** Records a request that has been answered (or dropped) and is no longer in flight. */
  public void finished(LoggedRequest request) {
    synchronized (requests) {
      requests.add(request);
    }
    inFlight.decrementAndGet();
  }

  /** Every request recorded so far, in the order they finished. */
  public List<LoggedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** How many requests were recorded. */
  public int total() {
    return requests().size();
  }

  /** How many requests called {@code endpoint}. */
  public int count(Endpoint endpoint) {
    return (int) requests().stream().filter(r -> r.endpoint() == endpoint).count();
  }

  /** How many requests got {@code status}. */
  public int countWithStatus(int status) {
    return (int) requests().stream().filter(r -> r.status() == status).count();
  }

  /**
   * How many times each distinct prompt (by its SHA-256) was answered with 200; an embeddings request counts once
   * for each of its inputs.
   */
  public Map<String, Integer> successfulAnswersPerPrompt() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (LoggedRequest request : requests()) {
      if (request.succeeded()) {
        request.promptSha256().forEach(sha -> counts.merge(sha, 1, Integer::sum));
      }
    }
    return counts;
  }

  /** The prompts (by SHA-256) answered with 200 more than once, with how often: duplicate model calls. */
  public Map<String, Integer> duplicatePrompts() {
    Map<String, Integer> duplicates = new LinkedHashMap<>();
    successfulAnswersPerPrompt().forEach((sha, n) -> {
      if (n > 1) {
        duplicates.put(sha, n);
      }
    });
    return duplicates;
  }

  /** How many times requests whose prompt text contains {@code text} were answered with 200. */
  public int successfulAnswersContaining(String text) {
    return (int) requests().stream().filter(LoggedRequest::succeeded)
        .filter(r -> r.promptText().contains(text)).count();
  }

  /** The most requests (any endpoint) that arrived within any window of length {@code window}. */
  public int maxInWindow(Duration window) {
    return maxInWindow(requests(), window);
  }

  /** The most requests to {@code endpoint} that arrived within any window of length {@code window}. */
  public int maxInWindow(Duration window, Endpoint endpoint) {
    return maxInWindow(requests().stream().filter(r -> r.endpoint() == endpoint).toList(), window);
  }

  /** The most requests that were in flight at once since the start or the last {@link #reset}. */
  public int maxConcurrent() {
    return maxInFlight.get();
  }

  /** Forgets every recorded request and restarts the concurrency high-water mark from the requests now in flight. */
  public void reset() {
    synchronized (requests) {
      requests.clear();
    }
    maxInFlight.set(inFlight.get());
  }

  private static int maxInWindow(List<LoggedRequest> list, Duration window) {
    long[] arrivals = list.stream().mapToLong(LoggedRequest::receivedNanos).sorted().toArray();
    long span = window.toNanos();
    int best = 0;
    int start = 0;
    for (int end = 0; end < arrivals.length; end++) {
      while (arrivals[end] - arrivals[start] >= span) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }
}
