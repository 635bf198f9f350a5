package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard from TRIM_HORIZON and feeds its records, in order and one batch at a time, to the shard's own
 * handler instance. Runs on its own thread until the shard is closed and drained, or until stopped.
 */
final class ShardConsumer implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardConsumer.class);
  private static final int MAX_GET_RECORDS = 10_000;

  private final String shardId;
  private final String streamArn;
  private final MappingSettings settings;
  private final KinesisClient kinesis;
  private final RequestHandler<KinesisEvent, StreamsEventResponse> handler;
  private final MappingCounters counters;
  private final OnFailureDestination destination;
  private final BiConsumer<String, List<ChildShard>> onFinished;
  private final KinesisEventFactory events;

  private final List<Record> buffer = new ArrayList<>();
  private final PendingBatches pending = new PendingBatches();
  private String iterator;
  private String lastFetchedSequence;
  private List<ChildShard> children = List.of();
  private boolean lastFetchEmpty;
  private long windowStart;
  private String failingSequence;
  private int failedAttempts;

  private volatile boolean stopping;
  private volatile boolean invoking;
  private volatile boolean finished;
  private volatile long fetches;
  private volatile long recordsFetched;
  private volatile long invocations;
  private volatile int buffered;
  private volatile String lastFailure;

  ShardConsumer(String shardId, String streamArn, MappingSettings settings, KinesisClient kinesis,
      RequestHandler<KinesisEvent, StreamsEventResponse> handler, MappingCounters counters,
      OnFailureDestination destination, BiConsumer<String, List<ChildShard>> onFinished) {
    this.shardId = shardId;
    this.streamArn = streamArn;
    this.settings = settings;
    this.kinesis = kinesis;
    this.handler = handler;
    this.counters = counters;
    this.destination = destination;
    this.onFinished = onFinished;
    this.events = new KinesisEventFactory(shardId, streamArn, "us-east-1");
  }

  /** Asks the loop to end after the batch in flight, if any. */
  void stop() {
    stopping = true;
  }

  /** Where the shard stands now. */
  ShardProgress progress() {
    boolean idle = finished || (!invoking && buffered == 0 && lastFetchEmpty);
    return new ShardProgress(shardId, fetches, recordsFetched, invocations, idle, finished, lastFailure);
  }

  @Override
  public void run() {
    Thread.currentThread().setName("esm-" + settings.functionName() + "-" + shardId);
    try {
      iterator = kinesis.getShardIterator(b -> b.streamName(settings.streamName()).shardId(shardId)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (!stopping) {
        boolean fetched = fetchIfRoom();
        if (!buffer.isEmpty() && batchReady()) {
          invokeNextBatch();
          continue;
        }
        if (iterator == null && buffer.isEmpty()) {
          finished = true;
          onFinished.accept(shardId, children);
          return;
        }
        if (!fetched || buffer.size() < settings.batching().batchSize()) {
          pause(settings.pollInterval().toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.error("consumer of {} shard {} failed", settings.functionName(), shardId, e);
        throw e;
      }
    }
  }

  private boolean fetchIfRoom() throws InterruptedException {
    if (iterator == null || buffer.size() >= settings.batching().batchSize()) {
      return false;
    }
    GetRecordsResponse response;
    try {
      String current = iterator;
      response = kinesis.getRecords(b -> b.shardIterator(current).limit(MAX_GET_RECORDS));
    } catch (ExpiredIteratorException e) {
      iterator = lastFetchedSequence == null
          ? kinesis.getShardIterator(b -> b.streamName(settings.streamName()).shardId(shardId)
              .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()
          : kinesis.getShardIterator(b -> b.streamName(settings.streamName()).shardId(shardId)
              .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
              .startingSequenceNumber(lastFetchedSequence)).shardIterator();
      return false;
    } catch (RuntimeException e) {
      if (stopping) {
        return false;
      }
      LOG.warn("GetRecords on {} failed, retrying: {}", shardId, e.toString());
      pause(settings.pollInterval().toMillis());
      return false;
    }
    List<Record> records = response.records();
    if (!records.isEmpty()) {
      if (buffer.isEmpty()) {
        windowStart = System.nanoTime();
      }
      buffer.addAll(records);
      lastFetchedSequence = records.get(records.size() - 1).sequenceNumber();
      recordsFetched += records.size();
    }
    iterator = response.nextShardIterator();
    if (iterator == null && response.hasChildShards()) {
      children = response.childShards();
    }
    lastFetchEmpty = records.isEmpty();
    buffered = buffer.size();
    fetches++;
    return !records.isEmpty();
  }

  private boolean batchReady() {
    int window = settings.batching().batchingWindowSeconds();
    return window == 0 || buffer.size() >= settings.batching().batchSize() || iterator == null
        || failedAttempts > 0 || System.nanoTime() - windowStart >= window * 1_000_000_000L;
  }

  private void invokeNextBatch() throws InterruptedException {
    int n = pending.nextSize(settings.batching().batchSize(), buffer.size());
    List<Record> batch = List.copyOf(buffer.subList(0, n));
    LocalLambdaContext context = new LocalLambdaContext(settings.functionName(), shardId);
    BatchOutcome outcome;
    invoking = true;
    try {
      counters.invoked(n);
      outcome = BatchOutcome.of(handler.handleRequest(events.event(batch), context), batch);
    } catch (RuntimeException | Error e) {
      outcome = new BatchOutcome.Thrown(e);
    } finally {
      invocations++;
    }
    try {
      settle(batch, outcome, context.getAwsRequestId());
    } finally {
      buffered = buffer.size();
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
      LOG.warn("{} shard {}: batch of {} records {} failed; bisecting it into {} and {} records: {}",
          settings.functionName(), shardId, n, range(batch), n / 2, n - n / 2, describe(thrown.error()));
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

  /** The batch starting at the checkpoint failed: retry it, or discard it when its retries are used up. */
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
    LOG.warn("{} shard {}: batch of {} records {} failed (attempt {}); retrying it: {}", settings.functionName(),
        shardId, failedBatch.size(), range(failedBatch), failedAttempts, error);
    pause(settings.retryDelay().toMillis());
  }

  private void discard(List<Record> failedBatch, String error, String requestId) {
    Record first = failedBatch.get(0);
    Record last = failedBatch.get(failedBatch.size() - 1);
    KinesisBatchInfo info = new KinesisBatchInfo(shardId, first.sequenceNumber(), last.sequenceNumber(),
        first.approximateArrivalTimestamp(), last.approximateArrivalTimestamp(), failedBatch.size(), streamArn);
    destination.send(new OnFailureEvent(requestId, LocalLambdaContext.functionArn(settings.functionName()),
        OnFailureEvent.RETRY_ATTEMPTS_EXHAUSTED, failedAttempts, error, Instant.now(), info));
    counters.discarded(failedBatch.size());
    LOG.warn("{} shard {}: discarded {} records from {} after {} attempts: {}", settings.functionName(), shardId,
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

  private void checkpoint(int records) {
    buffer.subList(0, records).clear();
  }

  private void pause(long millis) throws InterruptedException {
    if (millis > 0 && !stopping) {
      Thread.sleep(millis);
    }
  }
}
