package dev.runnel.localrunner.esm;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic-partition from its earliest offset and feeds it to its own handler instance one batch at a time,
 * as Lambda's Kafka mapping in provisioned mode does: a batch is cut at the batch size or when the batching window
 * ends; a failed batch is retried from the first offset the response names ({@code batchItemFailures}) or whole
 * when the function threw (bisected first if the mapping says so), and discarded to the on-failure destination once
 * its retries are used up. Offsets are kept in memory: a local run starts from the earliest offset.
 */
final class PartitionConsumer implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionConsumer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TopicPartition partition;
  private final String partitionId;
  private final MappingSettings settings;
  private final Consumer<byte[], byte[]> consumer;
  private final RequestStreamHandler handler;
  private final KafkaEventWriter events;
  private final MappingCounters counters;
  private final OnFailureDestination destination;
  private final BooleanSupplier stopping;
  private final List<ConsumerRecord<byte[], byte[]>> buffer = new ArrayList<>();
  private final PendingBatches pending = new PendingBatches();
  private long windowStart;
  private long failingOffset = -1;
  private int failedAttempts;

  private volatile boolean invoking;
  private volatile boolean lastFetchEmpty;
  private volatile long fetches;
  private volatile long recordsFetched;
  private volatile long invocations;
  private volatile int buffered;
  private volatile String lastFailure;

  PartitionConsumer(TopicPartition partition, MappingSettings settings, Consumer<byte[], byte[]> consumer,
      RequestStreamHandler handler, KafkaEventWriter events, MappingCounters counters,
      OnFailureDestination destination, BooleanSupplier stopping) {
    this.partition = partition;
    this.partitionId = partition.topic() + "-" + partition.partition();
    this.settings = settings;
    this.consumer = consumer;
    this.handler = handler;
    this.events = events;
    this.counters = counters;
    this.destination = destination;
    this.stopping = stopping;
  }

  /** Where the partition stands now; a partition is never finished (Kafka has no closed partitions). */
  ShardProgress progress() {
    boolean idle = !invoking && buffered == 0 && lastFetchEmpty;
    return new ShardProgress(partitionId, fetches, recordsFetched, invocations, idle, false, lastFailure, 0,
        buffered);
  }

  @Override
  public void run() {
    Thread.currentThread().setName("esm-" + settings.functionName() + "-" + partitionId);
    try (consumer) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      while (!stopping.getAsBoolean()) {
        if (buffer.size() < settings.batching().batchSize()) {
          fetch(ready() ? Duration.ZERO : settings.pollInterval());
        }
        if (ready()) {
          int n = pending.nextSize(settings.batching().batchSize(), buffer.size());
          invoke(List.copyOf(buffer.subList(0, n)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopping.getAsBoolean()) {
        LOG.error("consumer of {} partition {} failed", settings.functionName(), partitionId, e);
        throw e;
      }
    }
  }

  private void fetch(Duration wait) {
    List<ConsumerRecord<byte[], byte[]>> fetched = new ArrayList<>();
    consumer.poll(wait).forEach(fetched::add);
    if (!fetched.isEmpty()) {
      if (buffer.isEmpty()) {
        windowStart = System.nanoTime();
      }
      buffer.addAll(fetched);
      recordsFetched += fetched.size();
    }
    buffered = buffer.size();
    lastFetchEmpty = fetched.isEmpty();
    fetches++;
  }

  private boolean ready() {
    int window = settings.batching().batchingWindowSeconds();
    return !buffer.isEmpty() && (window == 0 || buffer.size() >= settings.batching().batchSize()
        || failedAttempts > 0 || System.nanoTime() - windowStart >= window * 1_000_000_000L);
  }

  private void invoke(List<ConsumerRecord<byte[], byte[]>> batch) throws InterruptedException {
    LocalLambdaContext context = new LocalLambdaContext(settings.functionName(), partitionId);
    int firstFailed;
    String error;
    boolean thrown = false;
    invoking = true;
    try {
      counters.invoked(batch.size());
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(events.event(batch)), response, context);
      firstFailed = firstFailed(response.toByteArray(), batch);
      error = firstFailed < 0 ? null : "batchItemFailures from offset " + batch.get(firstFailed).offset();
    } catch (IOException | RuntimeException | Error e) {
      firstFailed = 0;
      thrown = true;
      error = describe(e);
    } finally {
      invocations++;
      invoking = false;
    }
    settle(batch, firstFailed, thrown, error, context.getAwsRequestId());
  }

  private void settle(List<ConsumerRecord<byte[], byte[]>> batch, int firstFailed, boolean thrown, String error,
      String requestId) throws InterruptedException {
    int n = batch.size();
    lastFailure = error;
    if (firstFailed < 0) {
      checkpoint(n);
      pending.completed();
      failingOffset = -1;
      failedAttempts = 0;
      windowStart = System.nanoTime();
    } else if (thrown && settings.batching().bisectOnError() && n > 1) {
      LOG.warn("{} partition {}: batch of {} records from offset {} failed; bisecting it: {}",
          settings.functionName(), partitionId, n, batch.get(0).offset(), error);
      pending.bisect(n);
      counters.bisected();
    } else {
      checkpoint(firstFailed);
      pending.checkpointed(firstFailed, n);
      failed(batch.subList(firstFailed, n), error, requestId);
    }
  }

  private void failed(List<ConsumerRecord<byte[], byte[]>> failedBatch, String error, String requestId)
      throws InterruptedException {
    long head = failedBatch.get(0).offset();
    failedAttempts = head == failingOffset ? failedAttempts + 1 : 1;
    failingOffset = head;
    int maximumRetries = settings.batching().maximumRetryAttempts();
    if (maximumRetries >= 0 && failedAttempts > maximumRetries) {
      discard(failedBatch, error, requestId);
      return;
    }
    counters.retried();
    LOG.warn("{} partition {}: batch of {} records from offset {} failed (attempt {}); retrying it: {}",
        settings.functionName(), partitionId, failedBatch.size(), head, failedAttempts, error);
    if (settings.retryDelay().toMillis() > 0 && !stopping.getAsBoolean()) {
      Thread.sleep(settings.retryDelay().toMillis());
    }
  }

  private void discard(List<ConsumerRecord<byte[], byte[]>> failedBatch, String error, String requestId) {
    ConsumerRecord<byte[], byte[]> first = failedBatch.get(0);
    ConsumerRecord<byte[], byte[]> last = failedBatch.get(failedBatch.size() - 1);
    KinesisBatchInfo info = new KinesisBatchInfo(partitionId, Long.toString(first.offset()),
        Long.toString(last.offset()), Instant.ofEpochMilli(first.timestamp()), Instant.ofEpochMilli(last.timestamp()),
        failedBatch.size(), "kafka topic " + partition.topic());
    destination.send(new OnFailureEvent(requestId, LocalLambdaContext.functionArn(settings.functionName()),
        OnFailureEvent.RETRY_ATTEMPTS_EXHAUSTED, failedAttempts, error, Instant.now(), info));
    counters.discarded(failedBatch.size());
    LOG.warn("{} partition {}: discarded {} records from offset {} after {} attempts: {}", settings.functionName(),
        partitionId, failedBatch.size(), first.offset(), failedAttempts, error);
    checkpoint(failedBatch.size());
    pending.completed();
    failingOffset = -1;
    failedAttempts = 0;
  }

  /**
   * The index of the first record to read again, from a Kafka batch response; -1 when the batch succeeded. A
   * response naming a partition or offset not in the batch, or that cannot be read, fails the whole batch (as
   * Lambda does).
   */
  private int firstFailed(byte[] response, List<ConsumerRecord<byte[], byte[]>> batch) throws IOException {
    if (response.length == 0) {
      return -1;
    }
    JsonNode failures = JSON.readTree(response).path("batchItemFailures");
    if (!failures.isArray() || failures.isEmpty()) {
      return -1;
    }
    int lowest = Integer.MAX_VALUE;
    for (JsonNode failure : failures) {
      JsonNode item = failure.path("itemIdentifier");
      int index = item.path("partition").asText().equals(partitionId) ? indexOf(batch, item.path("offset").asLong(-1))
          : -1;
      if (index < 0) {
        return 0;
      }
      lowest = Math.min(lowest, index);
    }
    return lowest;
  }

  private static int indexOf(List<ConsumerRecord<byte[], byte[]>> batch, long offset) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.get(i).offset() == offset) {
        return i;
      }
    }
    return -1;
  }

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
    buffered = buffer.size();
  }
}
