package dev.runnel.functions.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.functions.fixtures.FakeKinesis;
import dev.runnel.functions.output.StreamRecord;
import dev.runnel.functions.output.WriteResult;
import dev.runnel.functions.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class KinesisRecordWriterTest {
  private static List<StreamRecord> records(int count, int bytes) {
    List<StreamRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] data = new byte[bytes];
      byte[] id = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(id, 0, data, 0, Math.min(id.length, bytes));
      records.add(new StreamRecord("out", "s", "k" + i, data));
    }
    return records;
  }

  private static List<String> keys(PutRecordsRequest request) {
    return request.records().stream().map(PutRecordsRequestEntry::partitionKey).toList();
  }

  @Test
  void resendsOnlyTheEntriesThatFailed() {
    FakeKinesis kinesis = new FakeKinesis().failing((call, entry) ->
        call == 1 && Set.of("k3", "k7").contains(entry.partitionKey())
            || call == 2 && entry.partitionKey().equals("k7"));
    WriteResult result = new KinesisRecordWriter(kinesis, RetryPolicy.immediate(8)).put("s", records(10, 10));

    assertThat(result.complete()).isTrue();
    assertThat(kinesis.calls()).extracting(KinesisRecordWriterTest::keys).containsExactly(
        List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"), List.of("k3", "k7"), List.of("k7"));
    assertThat(kinesis.accepted("s")).hasSize(10);
    assertThat(result.stats().putRecordsCalls()).isEqualTo(3);
    assertThat(result.stats().putRecordsEntriesRetried()).isEqualTo(3);
  }

  @Test
  void givesUpAfterTheLastAttemptAndNamesTheUnwrittenIndexes() {
    FakeKinesis kinesis = new FakeKinesis().failing((call, entry) -> entry.partitionKey().equals("k2"));
    WriteResult result = new KinesisRecordWriter(kinesis, RetryPolicy.immediate(5)).put("s", records(4, 10));

    assertThat(result.failed()).containsExactly(2);
    assertThat(kinesis.calls()).hasSize(5);
    assertThat(kinesis.accepted("s")).extracting(PutRecordsRequestEntry::partitionKey)
        .containsExactly("k0", "k1", "k3");
  }

  @Test
  void sendsAtMost500EntriesPerCall() {
    FakeKinesis kinesis = new FakeKinesis();
    new KinesisRecordWriter(kinesis, RetryPolicy.immediate(1)).put("s", records(1_201, 5));

    assertThat(kinesis.calls()).extracting(c -> c.records().size()).containsExactly(500, 500, 201);
    assertThat(kinesis.accepted("s")).hasSize(1_201);
  }

  @Test
  void sendsAtMostFiveMebibytesPerCall() {
    FakeKinesis kinesis = new FakeKinesis();
    new KinesisRecordWriter(kinesis, RetryPolicy.immediate(1)).put("s", records(12, 1_000_000));

    assertThat(kinesis.calls()).allSatisfy(call -> assertThat(call.records().stream()
        .mapToLong(e -> e.data().asByteArrayUnsafe().length + e.partitionKey().length()).sum())
        .isLessThanOrEqualTo(KinesisRecordWriter.MAX_REQUEST_BYTES));
    assertThat(kinesis.calls()).extracting(c -> c.records().size()).containsExactly(5, 5, 2);
  }

  @Test
  void retriesACallThatFailedWithAServerError() {
    AtomicInteger calls = new AtomicInteger();
    FakeKinesis delegate = new FakeKinesis();
    KinesisClient flaky = new KinesisClient() {
      @Override
      public PutRecordsResponse putRecords(PutRecordsRequest request) {
        if (calls.incrementAndGet() == 1) {
          throw KinesisException.builder().message("internal failure").statusCode(500).build();
        }
        return delegate.putRecords(request);
      }

      @Override
      public String serviceName() {
        return "kinesis";
      }

      @Override
      public void close() {}
    };

    WriteResult result = new KinesisRecordWriter(flaky, RetryPolicy.immediate(3)).put("s", records(3, 10));

    assertThat(result.complete()).isTrue();
    assertThat(result.stats().putRecordsEntriesRetried()).isEqualTo(3);
    assertThat(delegate.accepted("s")).hasSize(3);
  }

  @Test
  void aMissingStreamFailsTheInvocationInsteadOfBeingRetried() {
    AtomicInteger calls = new AtomicInteger();
    KinesisClient missing = new KinesisClient() {
      @Override
      public PutRecordsResponse putRecords(PutRecordsRequest request) {
        calls.incrementAndGet();
        throw ResourceNotFoundException.builder().message("Stream s not found").statusCode(400).build();
      }

      @Override
      public String serviceName() {
        return "kinesis";
      }

      @Override
      public void close() {}
    };

    assertThatThrownBy(() -> new KinesisRecordWriter(missing, RetryPolicy.immediate(8)).put("s", records(2, 10)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(calls).hasValue(1);
  }
}
