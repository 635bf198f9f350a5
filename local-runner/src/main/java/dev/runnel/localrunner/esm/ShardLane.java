package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * One lane of a shard: the records it owns, in shard order, fed to its own handler instance one batch at a time, with
 * Lambda's batching, bisecting, retries and discards. A shard read one batch at a time is one lane; with a
 * ParallelizationFactor above 1 each lane owns the partition keys its {@link LaneHash} gives it and runs next to the
 * others, so lanes finish out of order.
 */
final class ShardLane {
  private static final Logger LOG = LoggerFactory.getLogger(ShardLane.class);

  private final String shardId;
  private final String name;
  private final String streamArn;
  private final MappingSettings settings;
  private final RequestHandler<KinesisEvent, StreamsEventResponse> handler;
  private final MappingCounters counters;
  private final OnFailureDestination destination;
  private final KinesisEventFactory events;
  private final BooleanSupplier stopping;

  private final List<Record> buffer = new ArrayList<>();
  private final PendingBatches pending = new PendingBatches();
  private long windowStart;
  private String failingSequence;
  private int failedAttempts;

  private volatile boolean invoking;
  private volatile long invocations;
  private volatile String lastFailure;

  ShardLane(String shardId, String name, String streamArn, MappingSettings settings,
      RequestHandler<KinesisEvent, StreamsEventResponse> handler, MappingCounters counters,
      OnFailureDestination destination, BooleanSupplier stopping) {
    this.shardId = shardId;
    this.name = name;
    this.streamArn = streamArn;
    this.settings = settings;
    this.handler = handler;
    this.counters = counters;
    this.destination = destination;
    this.events = new KinesisEventFactory(shardId, streamArn, "us-east-1");
    this.stopping = stopping;
  }

  /** Appends records of this lane, in shard order. */
  synchronized void offer(List<Record> records) {
    if (records.isEmpty()) {
      return;
    }
    if (buffer.isEmpty()) {
      windowStart = System.nanoTime();
    }
    buffer.addAll(records);
  }

  /** Records owned and not yet checkpointed. */
  synchronized int buffered() {
    return buffer.size();
  }

  boolean invoking() {
    return invoking;
  }

  long invocations() {
    return invocations;
  }

  String lastFailure() {
    return lastFailure;
  }

  /**
   * Invokes the next batch if one is ready ({@code drained}: no more records will come, so a partial batch goes at
   * once); true when it did.
   */
  boolean step(boolean drained) throws InterruptedException {
    List<Record> batch;
    synchronized (this) {
      if (buffer.isEmpty() || !batchReady(drained)) {
        return false;
      }
      int n = pending.nextSize(settings.batching().batchSize(), buffer.size());
      batch = List.copyOf(buffer.subList(0, n));
    }
    invoke(batch);
    return true;
  }

  private boolean batchReady(boolean drained) {
    int window = settings.batching().batchingWindowSeconds();
    return window == 0 || buffer.size() >= settings.batching().batchSize() || drained
        || failedAttempts > 0 || System.nanoTime() - windowStart >= window * 1_000_000_000L;
  }

  private void invoke(List<Record> batch) throws InterruptedException {
    LocalLambdaContext context = new LocalLambdaContext(settings.functionName(), shardId);
    BatchOutcome outcome;
    invoking = true;
    try {
      try {
        counters.invoked(batch.size());
        outcome = BatchOutcome.of(handler.handleRequest(events.event(batch), context), batch);
      } catch (RuntimeException | Error e) {
        outcome = new BatchOutcome.Thrown(e);
      } finally {
        invocations++;
      }
      settle(batch, outcome, context.getAwsRequestId());
    } finally {
      invoking = false;
    }
  }

  private void settle(List<Record> batch, BatchOutcome outcome, String requestId) throws InterruptedException {
    int n = batch.size();
    lastFailure = outcome instanceof BatchOutcome.Thrown thrown ? thrown.error().toString()
        : outcome instanceof BatchOutcome.ReportedFailure reported ? reported.description() : null;
    if (outcome instanceof BatchOutcome.Success) {
      checkpoint(n);
      pending.completed();
      failingSequence = null;
      failedAttempts = 0;
      windowStart = System.nanoTime();
    } else if (outcome instanceof BatchOutcome.Thrown thrown && settings.batching().bisectOnError() && n > 1) {
      LOG.warn("{} {}: batch of {} records {} failed; bisecting it into {} and {} records: {}",
          settings.functionName(), name, n, range(batch), n / 2, n - n / 2, describe(thrown.error()));
      pending.bisect(n);
      counters.bisected();
    } else if (outcome instanceof BatchOutcome.ReportedFailure reported) {
      checkpoint(reported.firstFailed());
      pending.checkpointed(reported.firstFailed(), n);
      failed(batch.subList(reported.firstFailed(), n), reported.description(), requestId);
    } else {
      failed(batch, describe(((BatchOutcome.Thrown) outcome).error()), requestId);
    }
  }

  /** The batch starting at the lane's checkpoint failed: retry it, or discard it when its retries are used up. */
  private void failed(List<Record> failedBatch, String error, String requestId) throws InterruptedException {
    String head = failedBatch.get(0).sequenceNumber();
    failedAttempts = head.equals(failingSequence) ? failedAttempts + 1 : 1;
    failingSequence = head;
    int maximumRetries = settings.batching().maximumRetryAttempts();
    if (maximumRetries >= 0 && failedAttempts > maximumRetries) {
      discard(failedBatch, error, requestId);
      return;
    }
    counters.retried();
    LOG.warn("{} {}: batch of {} records {} failed (attempt {}); retrying it: {}", settings.functionName(),
        name, failedBatch.size(), range(failedBatch), failedAttempts, error);
    if (settings.retryDelay().toMillis() > 0 && !stopping.getAsBoolean()) {
      Thread.sleep(settings.retryDelay().toMillis());
    }
  }

  private void discard(List<Record> failedBatch, String error, String requestId) {
    Record first = failedBatch.get(0);
    Record last = failedBatch.get(failedBatch.size() - 1);
    KinesisBatchInfo info = new KinesisBatchInfo(shardId, first.sequenceNumber(), last.sequenceNumber(),
        first.approximateArrivalTimestamp(), last.approximateArrivalTimestamp(), failedBatch.size(), streamArn);
    destination.send(new OnFailureEvent(requestId, LocalLambdaContext.functionArn(settings.functionName()),
        OnFailureEvent.RETRY_ATTEMPTS_EXHAUSTED, failedAttempts, error, Instant.now(), info));
    counters.discarded(failedBatch.size());
    LOG.warn("{} {}: discarded {} records from {} after {} attempts: {}", settings.functionName(), name,
        failedBatch.size(), first.sequenceNumber(), failedAttempts, error);
    checkpoint(failedBatch.size());
    pending.completed();
    failingSequence = null;
    failedAttempts = 0;
  }

  /** The sequence numbers a batch spans, for the log. */
  private static String range(List<Record> batch) {
    String first = batch.get(0).sequenceNumber();
    String last = batch.get(batch.size() - 1).sequenceNumber();
    return batch.size() == 1 ? "at sequence number " + first : "from sequence number " + first + " to " + last;
  }

  /** An invocation's error with its causes, on one line. */
  private static String describe(Throwable error) {
    StringBuilder text = new StringBuilder(error.getClass().getName()).append(": ").append(error.getMessage());
    int depth = 0;
    for (Throwable cause = error.getCause(); cause != null && depth < 5; cause = cause.getCause(), depth++) {
      text.append("; caused by ").append(cause);
    }
    return text.toString();
  }

  private synchronized void checkpoint(int records) {
    buffer.subList(0, records).clear();
  }
}
