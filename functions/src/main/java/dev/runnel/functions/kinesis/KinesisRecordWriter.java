package dev.runnel.functions.kinesis;

import dev.runnel.functions.output.ServiceErrors;
import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.output.WriteResult;
import dev.runnel.functions.output.WriteStats;
import dev.runnel.functions.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts records on one stream with PutRecords: at most 500 entries and 5 MiB per call, resending only the entries
 * that failed, with backoff, up to the policy's attempts. PutRecords does not keep order within a call.
 */
public final class KinesisRecordWriter implements StreamWriter {
  /** Entries per PutRecords call. */
  public static final int MAX_ENTRIES = 500;
  /** Bytes (data + partition keys) per PutRecords call. */
  public static final long MAX_REQUEST_BYTES = 5L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(KinesisRecordWriter.class);

  private final KinesisClient kinesis;
  private final RetryPolicy retry;

  /** A writer using {@code kinesis}, retrying failed entries as {@code retry} says. */
  public KinesisRecordWriter(KinesisClient kinesis, RetryPolicy retry) {
    this.kinesis = kinesis;
    this.retry = retry;
  }

  /** Puts all {@code records} on {@code stream}; the result names the indexes still unwritten after all attempts. */
  @Override
  public WriteResult put(String stream, List<StreamRecord> records) {
    return putTracking(stream, records, (index, shardId) -> { });
  }

  /**
   * As {@link #put(String, List)}, telling {@code landedIn} the shard id Kinesis put each written entry in: a writer
   * that routes by explicit hash key learns that the stream was resharded when an entry lands in a shard it does not
   * know.
   */
  @Override
  public WriteResult put(String stream, List<StreamRecord> records, Consumer<String> landedIn) {
    return putTracking(stream, records, (index, shardId) -> landedIn.accept(shardId));
  }

  /**
   * As {@link #put(String, List)}, telling {@code landed} the shard id Kinesis put each written entry in, by the
   * entry's index in {@code records}: a writer that chose an entry's shard from a shard map learns which entries a
   * stale map sent elsewhere.
   */
  public WriteResult putTracking(String stream, List<StreamRecord> records, BiConsumer<Integer, String> landed) {
    List<Integer> pending = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      pending.add(i);
    }
    long calls = 0;
    long retried = 0;
    for (int attempt = 1; ; attempt++) {
      List<Integer> failed = new ArrayList<>();
      String lastError = null;
      for (List<Integer> chunk : chunks(records, pending)) {
        calls++;
        lastError = send(stream, records, chunk, failed, landed);
      }
      if (failed.isEmpty()) {
        return new WriteResult(Set.of(), new WriteStats(calls, retried, 0));
      }
      if (attempt >= retry.maxAttempts()) {
        LOG.warn("{} of {} records still not on stream {} after {} attempts (last error: {})", failed.size(),
            records.size(), stream, attempt, lastError);
        return new WriteResult(new HashSet<>(failed), new WriteStats(calls, retried, 0));
      }
      retried += failed.size();
      retry.pauseBefore(attempt);
      pending = failed;
    }
  }

  /** Sends one call; adds the indexes of failed entries to {@code failed} and returns an error description or null. */
  private String send(String stream, List<StreamRecord> records, List<Integer> chunk, List<Integer> failed,
      BiConsumer<Integer, String> landed) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>(chunk.size());
    for (int index : chunk) {
      StreamRecord record = records.get(index);
      entries.add(PutRecordsRequestEntry.builder().partitionKey(record.partitionKey())
          .explicitHashKey(record.explicitHashKey()).data(SdkBytes.fromByteArrayUnsafe(record.data())).build());
    }
    PutRecordsResponse response;
    try {
      response = kinesis.putRecords(PutRecordsRequest.builder().streamName(stream).records(entries).build());
    } catch (SdkException e) {
      if (!ServiceErrors.retryable(e)) {
        throw e;
      }
      failed.addAll(chunk);
      return e.toString();
    }
    String error = null;
    List<PutRecordsResultEntry> results = response.records();
    for (int i = 0; i < chunk.size(); i++) {
      PutRecordsResultEntry result = i < results.size() ? results.get(i) : null;
      if (result == null || result.errorCode() != null) {
        failed.add(chunk.get(i));
        error = result == null ? "no result entry" : result.errorCode() + ": " + result.errorMessage();
      } else if (result.shardId() != null) {
        landed.accept(chunk.get(i), result.shardId());
      }
    }
    return error;
  }

  private static List<List<Integer>> chunks(List<StreamRecord> records, List<Integer> indexes) {
    List<List<Integer>> chunks = new ArrayList<>();
    List<Integer> chunk = new ArrayList<>();
    long bytes = 0;
    for (int index : indexes) {
      StreamRecord record = records.get(index);
      long size = record.data().length + record.partitionKey().getBytes(StandardCharsets.UTF_8).length;
      if (!chunk.isEmpty() && (chunk.size() == MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        bytes = 0;
      }
      chunk.add(index);
      bytes += size;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }
}
