package dev.runnel.functions.output;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Decides whether a failed write call is worth retrying or is a configuration error that must fail the invocation. */
public final class ServiceErrors {
  private ServiceErrors() {}

  /**
   * True for throttling, server errors and client-side (network) failures; false for other 4xx answers such as a
   * missing stream or table, a validation error or denied access, which retrying cannot fix.
   */
  public static boolean retryable(SdkException e) {
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      return service.isThrottlingException() || status >= 500 || status == 0 || e.retryable();
    }
    return true;
  }
}
