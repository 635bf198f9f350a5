package dev.runnel.faults.inject;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * A Kinesis client passing every call the stage runtime makes (PutRecords, and ListShards for ticks) to another;
 * fault wrappers override some. Calls the runtime does not make are unsupported.
 */
public class DelegatingKinesisClient implements KinesisClient {
  private final KinesisClient delegate;

  /** A client passing calls to {@code delegate}. */
  public DelegatingKinesisClient(KinesisClient delegate) {
    this.delegate = delegate;
  }

  /** The wrapped client. */
  protected KinesisClient delegate() {
    return delegate;
  }

  @Override
  public PutRecordsResponse putRecords(PutRecordsRequest request) {
    return delegate.putRecords(request);
  }

  @Override
  public ListShardsResponse listShards(ListShardsRequest request) {
    return delegate.listShards(request);
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  /** Does nothing: the run owns the wrapped client. */
  @Override
  public void close() {
  }
}
