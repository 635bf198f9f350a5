package dev.runnel.inference.secrets;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The exception for a secret that cannot be read: it names the reference and why, never a value. */
final class SecretUnavailable {
  private SecretUnavailable() {}

  /** Secret {@code reference} cannot be read because {@code reason}. */
  static IllegalStateException because(String reference, String reason) {
    return new IllegalStateException("secret " + reference + " cannot be read: " + reason);
  }

  /** Secret {@code reference} cannot be read because the service call failed; the AWS error code says why. */
  static IllegalStateException because(String reference, RuntimeException failure) {
    String reason = failure instanceof AwsServiceException service && service.awsErrorDetails() != null
        ? service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")"
        : failure.getClass().getSimpleName();
    return new IllegalStateException("secret " + reference + " cannot be read: " + reason, failure);
  }
}
