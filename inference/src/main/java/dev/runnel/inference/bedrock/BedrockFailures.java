package dev.runnel.inference.bedrock;

import dev.runnel.inference.calling.CallFailure;
import dev.runnel.inference.calling.FailureKind;
import dev.runnel.inference.calling.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;

/** Classifies the AWS SDK's errors from Bedrock as {@link CallFailure}s. */
final class BedrockFailures {
  private BedrockFailures() {}

  /** The failure {@code error} stands for. */
  static CallFailure classify(Throwable error) {
    Throwable cause = CallFailure.unwrap(error);
    if (cause instanceof CallFailure failure) {
      return failure;
    }
    if (cause instanceof AwsServiceException service) {
      int status = service.statusCode();
      AwsErrorDetails details = service.awsErrorDetails();
      String code = details == null ? null : details.errorCode();
      String message = details == null || details.errorMessage() == null ? service.getMessage()
          : details.errorMessage();
      SdkHttpResponse response = details == null ? null : details.sdkHttpResponse();
      Duration retryAfter = (status == 429 || status == 503) && response != null
          ? RetryAfter.fromHeaders(response::firstMatchingHeader, Clock.systemUTC()).orElse(null)
          : null;
      return new CallFailure(FailureKind.ofStatus(status), status, code, message, retryAfter, null);
    }
    if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
      return CallFailure.of(FailureKind.TIMEOUT, cause.getMessage(), cause);
    }
    if (cause instanceof SdkClientException) {
      FailureKind kind = unreadable(cause) ? FailureKind.MALFORMED_RESPONSE
          : transport(cause) ? FailureKind.CONNECTION : FailureKind.MALFORMED_RESPONSE;
      return CallFailure.of(kind, cause.getMessage(), cause);
    }
    return CallFailure.of(FailureKind.REJECTED, String.valueOf(cause), cause);
  }

  /** True when the response arrived but could not be parsed. */
  private static boolean unreadable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String name = cause.getClass().getSimpleName();
      String message = String.valueOf(cause.getMessage());
      if (name.contains("JsonParse") || name.contains("JsonMapping") || message.contains("unmarshall")
          || message.contains("Unexpected character")) {
        return true;
      }
    }
    return false;
  }

  /** True when the connection failed (refused, reset, closed early). */
  private static boolean transport(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
