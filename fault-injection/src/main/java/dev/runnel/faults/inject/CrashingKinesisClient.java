package dev.runnel.faults.inject;

import dev.runnel.faults.FaultDice;
import dev.runnel.faults.FaultKind;
import dev.runnel.faults.InjectedCrash;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Crashes an invocation in the middle of writing its outputs: the PutRecords goes through whole, or only a prefix of
 * its entries does, and then the invocation dies before it sees the answer.
 */
public final class CrashingKinesisClient extends DelegatingKinesisClient {
  private final FaultDice dice;

  /** Wraps {@code delegate}, crashing as {@code dice} decide. */
  public CrashingKinesisClient(KinesisClient delegate, FaultDice dice) {
    super(delegate);
    this.dice = dice;
  }

  @Override
  public PutRecordsResponse putRecords(PutRecordsRequest request) {
    int n = request.records().size();
    if (!dice.roll(FaultKind.CRASH_MID_OUTPUTS, "PutRecords of " + n + " on " + request.streamName())) {
      return delegate().putRecords(request);
    }
    int prefix = dice.nextInt(n + 1);
    if (prefix > 0) {
      delegate().putRecords(request.toBuilder().records(request.records().subList(0, prefix)).build());
    }
    throw new InjectedCrash("after " + prefix + " of " + n + " PutRecords entries on " + request.streamName());
  }
}
