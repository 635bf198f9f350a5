package dev.runnel.faults.inject;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Answers some PutRecords calls with a partial failure: a random non-empty subset of the entries comes back with
 * ProvisionedThroughputExceededException and is not written; only the other entries reach the stream.
 */
public final class ThrottlingKinesisClient extends DelegatingKinesisClient {
  /** The error code Kinesis gives a throttled entry. */
  public static final String THROTTLED = "ProvisionedThroughputExceededException";

  private final FaultDice dice;

  /** Wraps {@code delegate}, throttling as {@code dice} decide. */
  public ThrottlingKinesisClient(KinesisClient delegate, FaultDice dice) {
    super(delegate);
    this.dice = dice;
  }

  @Override
  public PutRecordsResponse putRecords(PutRecordsRequest request) {
    List<PutRecordsRequestEntry> entries = request.records();
    int n = entries.size();
    if (n == 0 || !dice.roll(FaultKind.KINESIS_PARTIAL_FAILURE, "PutRecords of " + n + " on "
        + request.streamName())) {
      return delegate().putRecords(request);
    }
    boolean[] fail = new boolean[n];
    fail[dice.nextInt(n)] = true;
    for (int i = 0; i < n; i++) {
      fail[i] |= dice.nextInt(3) == 0;
    }
    List<PutRecordsRequestEntry> through = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!fail[i]) {
        through.add(entries.get(i));
      }
    }
    List<PutRecordsResultEntry> written = through.isEmpty() ? List.of()
        : delegate().putRecords(request.toBuilder().records(through).build()).records();
    List<PutRecordsResultEntry> results = new ArrayList<>(n);
    int next = 0;
    int failed = 0;
    for (int i = 0; i < n; i++) {
      PutRecordsResultEntry result = fail[i] ? PutRecordsResultEntry.builder().errorCode(THROTTLED)
          .errorMessage("Rate exceeded for shard (injected)").build() : written.get(next++);
      failed += result.errorCode() == null ? 0 : 1;
      results.add(result);
    }
    return PutRecordsResponse.builder().records(results).failedRecordCount(failed).build();
  }
}
