package dev.runnel.localrunner.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writes the lines of an input into its stream with PutRecords (500 per call), partition key = the line number, so
 * records spread over the shards the same way on every run. Entries that fail are resent, and only those.
 */
public final class InputFeeder {
  private static final int MAX_ENTRIES = 500;
  private static final int MAX_ATTEMPTS = 10;

  private final KinesisClient kinesis;

  /** A feeder writing with this client. */
  public InputFeeder(KinesisClient kinesis) {
    this.kinesis = kinesis;
  }

  /** Feeds every non-blank line of the input; returns how many records were written. */
  public int feed(InputSource input) {
    List<PutRecordsRequestEntry> chunk = new ArrayList<>(MAX_ENTRIES);
    int written = 0;
    int lineNumber = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(input.opener().open(),
        StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        chunk.add(PutRecordsRequestEntry.builder().partitionKey(Integer.toString(lineNumber))
            .data(SdkBytes.fromUtf8String(line)).build());
        if (chunk.size() == MAX_ENTRIES) {
          written += put(input, chunk);
          chunk.clear();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read input " + input.label(), e);
    }
    return chunk.isEmpty() ? written : written + put(input, chunk);
  }

  private int put(InputSource input, List<PutRecordsRequestEntry> entries) {
    List<PutRecordsRequestEntry> pending = entries;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      List<PutRecordsRequestEntry> batch = pending;
      PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(input.stream()).records(batch));
      if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
        return entries.size();
      }
      List<PutRecordsRequestEntry> failed = new ArrayList<>();
      List<PutRecordsResultEntry> results = response.records();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).errorCode() != null) {
          failed.add(batch.get(i));
        }
      }
      pending = failed;
      sleep(50L * attempt);
    }
    throw new IllegalStateException(pending.size() + " records of " + input.label() + " could not be written to "
        + input.stream() + " after " + MAX_ATTEMPTS + " attempts");
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
