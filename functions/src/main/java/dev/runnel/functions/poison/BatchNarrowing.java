package dev.runnel.functions.poison;

import dev.runnel.functions.batch.InputRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Narrows a failing batch to the records that fail alone, inside one invocation: it runs halves of the failing span
 * in input order, each committed on its own, splits a failing half again, and hands a record that fails alone (after
 * {@code maxAttempts} tries for an {@link FailureClass#UNKNOWN} failure, at once for a permanent one) to the
 * isolation, which dead-letters it. A retryable failure stops the narrowing and is thrown: Lambda retries, and the
 * parts committed so far stay committed.
 *
 * @param <T> what running a part gives
 */
public final class BatchNarrowing<T> {
  private static final Logger LOG = LoggerFactory.getLogger(BatchNarrowing.class);

  /** Runs some records of the batch to their commit; throws when they cannot be committed. */
  @FunctionalInterface
  public interface Part<T> {
    T run(List<InputRecord> records);
  }

  /** Sends one record to the dead letters for {@code failure}, committing it so it is never tried again. */
  @FunctionalInterface
  public interface Isolation<T> {
    T isolate(InputRecord record, Throwable failure);
  }

  private final int maxAttempts;
  private final BinaryOperator<T> merge;
  private final Part<T> part;
  private final Isolation<T> isolation;
  private final Consumer<List<InputRecord>> trying;

  /**
   * A narrowing.
   *
   * @param maxAttempts how often a record alone is tried for an unknown failure before it is isolated
   * @param merge       adds the results of two parts
   * @param part        runs a part to its commit
   * @param isolation   dead-letters a record
   * @param trying      told of each part before it runs (a watchdog records it if the invocation times out)
   */
  public BatchNarrowing(int maxAttempts, BinaryOperator<T> merge, Part<T> part, Isolation<T> isolation,
      Consumer<List<InputRecord>> trying) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.merge = merge;
    this.part = part;
    this.isolation = isolation;
    this.trying = trying;
  }

  /**
   * Runs {@code span}, known to fail with {@code failure} (empty: nothing is known to fail), then {@code rest},
   * narrowing whatever fails.
   *
   * @param start what was achieved before (merged into the result)
   */
  public T narrow(List<InputRecord> span, Throwable failure, List<InputRecord> rest, T start) {
    T result = start;
    Deque<List<InputRecord>> parts = new ArrayDeque<>();
    if (!rest.isEmpty()) {
      parts.add(rest);
    }
    if (span.size() == 1) {
      result = merge.apply(result, isolated(span.get(0), failure));
    } else if (span.size() > 1) {
      split(span, parts);
    }
    while (!parts.isEmpty()) {
      List<InputRecord> records = parts.pollFirst();
      Attempt<T> attempt = tryRun(records, 1);
      if (attempt.failure() != null && records.size() > 1) {
        split(records, parts);
        continue;
      }
      for (int n = 2; n <= maxAttempts && attempt.failure() != null
          && FailureClass.of(attempt.failure()) == FailureClass.UNKNOWN; n++) {
        attempt = tryRun(records, n);
      }
      result = merge.apply(result, attempt.failure() == null ? attempt.result()
          : isolated(records.get(0), attempt.failure()));
    }
    return result;
  }

  /** One run of a part: its result, or the failure that was not retryable. */
  private record Attempt<T>(T result, Throwable failure) {}

  /** Runs {@code records}; a retryable failure is thrown. */
  private Attempt<T> tryRun(List<InputRecord> records, int attempt) {
    trying.accept(records);
    try {
      return new Attempt<>(part.run(records), null);
    } catch (RuntimeException | Error e) {
      if (FailureClass.of(e) == FailureClass.RETRYABLE) {
        throw e;
      }
      LOG.warn("narrowing: {} record(s) of shard {} from sequence number {} failed (attempt {}): {}",
          records.size(), records.get(0).shardId(), records.get(0).sequenceNumber(), attempt,
          FailureClass.describe(e));
      return new Attempt<>(null, e);
    }
  }

  private T isolated(InputRecord record, Throwable failure) {
    LOG.warn("shard {} sequence number {} fails alone and goes to the dead letters: {}", record.shardId(),
        record.sequenceNumber(), FailureClass.describe(failure));
    return isolation.isolate(record, failure);
  }

  /** Puts the two halves of {@code records} first in {@code parts}, in input order. */
  private static void split(List<InputRecord> records, Deque<List<InputRecord>> parts) {
    int half = records.size() / 2;
    parts.addFirst(records.subList(half, records.size()));
    parts.addFirst(records.subList(0, half));
  }
}
