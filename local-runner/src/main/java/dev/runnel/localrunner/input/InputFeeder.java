package dev.runnel.localrunner.input;

import dev.runnel.functions.kinesis.KinesisRecordWriter;
import dev.runnel.functions.output.SizeLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writes the lines of an input into its stream with PutRecords (500 records or 5 MiB per call), partition key = the
 * line number, so records spread over the shards the same way on every run. Entries that fail are resent, and only
 * those. Empty lines are counted and skipped; a line over Kinesis' record size limit (data and partition key) is handed
 * to {@code rejected} (the dead letters) and the rest of the input is still fed. A resumed run skips the lines an
 * interrupted feed already wrote ({@link AlreadyFed}).
 */
public final class InputFeeder {
  private static final int MAX_ENTRIES = 500;
  private static final int MAX_ATTEMPTS = 10;

  private final KinesisClient kinesis;
  private final Consumer<RejectedLine> rejected;
  private final java.util.concurrent.atomic.LongAdder written = new java.util.concurrent.atomic.LongAdder();

  /** A feeder writing with this client and handing lines that cannot be records to {@code rejected}. */
  public InputFeeder(KinesisClient kinesis, Consumer<RejectedLine> rejected) {
    this.kinesis = kinesis;
    this.rejected = rejected;
  }

  /** Records this feeder has written so far, from any thread (progress lines read it while it feeds). */
  public long written() {
    return written.sum();
  }

  /** Feeds every non-blank line of the input that fits in a record; returns what became of the lines. */
  public FedLines feed(InputSource input) {
    return feed(input, AlreadyFed.none());
  }

  /**
   * Feeds every non-blank line of the input that fits in a record, except those {@code already} in the stream;
   * returns what became of the lines. The inputs of one stream must be fed in the same order on every attempt, with
   * one {@code already} shared among them.
   */
  public FedLines feed(InputSource input, AlreadyFed already) {
    int skipped = 0;
    List<PutRecordsRequestEntry> chunk = new ArrayList<>(MAX_ENTRIES);
    long chunkBytes = 0;
    int written = 0;
    int empty = 0;
    int tooLarge = 0;
    int lineNumber = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(input.opener().open(),
        StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          empty++;
          continue;
        }
        byte[] data = line.getBytes(StandardCharsets.UTF_8);
        String partitionKey = Integer.toString(lineNumber);
        long size = data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
        if (size > SizeLimits.KINESIS_RECORD_BYTES) {
          rejected.accept(new RejectedLine(input, lineNumber, data, "the record would be " + size
              + " bytes (data and partition key), over the " + SizeLimits.KINESIS_RECORD_BYTES
              + "-byte (1 MiB) record limit of Kinesis stream '" + input.stream()
              + "'; it was not written. Make the record smaller, or split it into several records."));
          tooLarge++;
          continue;
        }
        if (already.claim(partitionKey)) {
          skipped++;
          continue;
        }
        if (chunk.size() == MAX_ENTRIES || chunkBytes + size > KinesisRecordWriter.MAX_REQUEST_BYTES) {
          written += put(input, chunk);
          chunk.clear();
          chunkBytes = 0;
        }
        chunk.add(PutRecordsRequestEntry.builder().partitionKey(partitionKey).data(SdkBytes.fromByteArray(data))
            .build());
        chunkBytes += size;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read input " + input.label(), e);
    }
    if (!chunk.isEmpty()) {
      written += put(input, chunk);
    }
    return new FedLines(written + skipped, empty, tooLarge, skipped);
  }

  private int put(InputSource input, List<PutRecordsRequestEntry> entries) {
    List<PutRecordsRequestEntry> pending = entries;
    String lastError = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      List<PutRecordsRequestEntry> batch = pending;
      PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(input.stream()).records(batch));
      if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
        written.add(batch.size());
        return entries.size();
      }
      written.add(batch.size() - response.failedRecordCount());
      List<PutRecordsRequestEntry> failed = new ArrayList<>();
      List<PutRecordsResultEntry> results = response.records();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).errorCode() != null) {
          failed.add(batch.get(i));
          lastError = results.get(i).errorCode() + ": " + results.get(i).errorMessage();
        }
      }
      pending = failed;
      sleep(50L * attempt);
    }
    List<String> lines = pending.stream().map(PutRecordsRequestEntry::partitionKey).limit(10).toList();
    throw new IllegalStateException(pending.size() + " records of " + input.label() + " (line"
        + (pending.size() == 1 ? " " : "s ") + String.join(", ", lines) + (pending.size() > lines.size() ? ", …" : "")
        + ") could not be written to stream " + input.stream() + " after " + MAX_ATTEMPTS + " attempts; last error "
        + lastError);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while feeding input", e);
    }
  }
}
