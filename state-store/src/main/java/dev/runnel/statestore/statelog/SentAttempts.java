package dev.runnel.statestore.statelog;

import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * How many HTTP attempts the SDK made for one call, retries by the client's retry strategy included: a metric
 * publisher set on that one request, which the SDK's clients call before the call returns or throws. A client that
 * publishes no metrics (a test double) counts as one attempt.
 */
final class SentAttempts implements MetricPublisher {
  private static final String ATTEMPT = "ApiCallAttempt";

  private volatile int attempts = -1;

  @Override
  public void publish(MetricCollection call) {
    int made = 0;
    for (MetricCollection child : call.children()) {
      if (ATTEMPT.equals(child.name())) {
        made++;
      }
    }
    attempts = made;
  }

  /** The attempts made: as published, or 1 if nothing was published. */
  int count() {
    int published = attempts;
    return published < 0 ? 1 : published;
  }

  @Override
  public void close() {}
}
