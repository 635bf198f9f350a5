package dev.runnel.localrunner.esm;

/** Receives the records of discarded batches, as an SQS or SNS on-failure destination would. */
@FunctionalInterface
public interface OnFailureDestination {
  /** Called once per discarded batch, from the shard's thread. */
  void send(OnFailureEvent event);
}
