package dev.runnel.functions.poison;

import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.exactlyonce.ConcurrentAttemptException;
import dev.runnel.functions.exactlyonce.OutputsNotWrittenException;
import dev.runnel.functions.exactlyonce.SimulatedCrash;
import dev.runnel.functions.output.ServiceErrors;
import dev.runnel.inference.ModelUnavailableException;
import dev.runnel.statestore.StateTooLargeException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** How a failure that escaped the per-record pipeline is handled: retried, isolated at once, or counted. */
public enum FailureClass {
  /**
   * Another attempt can succeed: throttling, server errors, network failures, timeouts, a concurrent invocation, a
   * model whose circuit is open, a crash injected by a fault harness; and errors of the environment rather than of a
   * record (a missing table, denied access), which an operator fixes. The invocation fails and Lambda retries the batch; nothing is counted.
   */
  RETRYABLE,
  /**
   * No attempt can succeed: a service refused a request as invalid (ValidationException and the like), or a key's
   * state grew too large to store. The
   * batch is narrowed at once to the record that fails alone, which goes to the dead letters.
   */
  PERMANENT,
  /**
   * Not known either way (a bug, an {@link OutOfMemoryError}, an unexpected exception). The failure is counted in the
   * shard's checkpoint item; after the job's {@code maxRecordAttempts} the batch is narrowed like a permanent one.
   */
  UNKNOWN;

  /** Service errors a record's content causes: the request was invalid. */
  private static final Set<String> RECORD_ERRORS = Set.of("ValidationException", "InvalidArgumentException",
      "SerializationException", "ItemCollectionSizeLimitExceededException");

  /**
   * Service errors of the environment, not of any record (a missing table or stream, denied access, bad credentials,
   * a key that cannot be used): every record would fail alike, so none is dead-lettered; the invocation fails until
   * an operator fixes the deployment, and the function's error and iterator-age alarms tell them.
   */
  private static final Set<String> ENVIRONMENT_ERRORS = Set.of("ResourceNotFoundException", "AccessDeniedException",
      "AccessDenied", "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
      "ExpiredToken", "MissingAuthenticationToken", "IncompleteSignature", "InvalidClientTokenId",
      "ResourceInUseException", "TransactionConflictException", "RequestLimitExceeded", "LimitExceededException");

  /** The class of {@code failure}, judged by the first cause in its chain that says. */
  public static FailureClass of(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SimulatedCrash || cause instanceof ConcurrentAttemptException
          || cause instanceof OutputsNotWrittenException
          || cause instanceof ModelUnavailableException || cause instanceof InterruptedException) {
        return RETRYABLE;
      }
      if (cause instanceof StateTooLargeException) {
        return PERMANENT;
      }
      if (cause instanceof AwsServiceException service) {
        String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        if (ServiceErrors.retryable(service) || (code != null && ENVIRONMENT_ERRORS.contains(code))
            || (code != null && code.startsWith("KMS"))) {
          return RETRYABLE;
        }
        return code != null && RECORD_ERRORS.contains(code) ? PERMANENT : UNKNOWN;
      }
      if (cause instanceof SdkException) {
        return RETRYABLE;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return UNKNOWN;
  }

  /** The dead-letter error type of a record isolated because of {@code failure}. */
  public static ErrorType errorType(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (cause instanceof StateTooLargeException) {
        return ErrorType.STATE;
      }
      if (cause instanceof SdkException) {
        return ErrorType.WRITE;
      }
    }
    return ErrorType.ATTEMPTS;
  }

  /** A one-line description of {@code failure} for the dead letters and logs: its type and message, then causes. */
  public static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(cause.getClass().getName());
      if (cause instanceof AwsServiceException service && service.awsErrorDetails() != null
          && service.awsErrorDetails().errorCode() != null) {
        text.append(" [").append(service.awsErrorDetails().errorCode()).append(']');
      }
      if (cause.getMessage() != null) {
        text.append(": ").append(cause.getMessage());
      }
      if (cause.getCause() == cause || text.length() > 2_000) {
        break;
      }
    }
    return text.toString();
  }
}
