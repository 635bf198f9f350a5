package dev.runnel.functions.poison;

import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.exactlyonce.ConcurrentAttemptException;
import dev.runnel.functions.exactlyonce.OutputsNotWrittenException;
import dev.runnel.functions.exactlyonce.SimulatedCrash;
import dev.runnel.functions.output.ServiceErrors;
import dev.runnel.inference.ModelUnavailableException;
import dev.runnel.statestore.StateTooLargeException;
import software.amazon.awssdk.core.exception.SdkException;

/** How a failure that escaped the per-record pipeline is handled: retried, isolated at once, or counted. */
public enum FailureClass {
  /**
   * Another attempt can succeed: throttling, server errors, network failures, timeouts, a concurrent invocation, a
   * model whose circuit is open, a crash injected by a fault harness. The invocation fails and Lambda retries the batch; nothing is counted.
   */
  RETRYABLE,
  /**
   * No attempt can succeed: a service refused a request as invalid, or a key's state grew too large to store. The
   * batch is narrowed at once to the record that fails alone, which goes to the dead letters.
   */
  PERMANENT,
  /**
   * Not known either way (a bug, an {@link OutOfMemoryError}, an unexpected exception). The failure is counted in the
   * shard's checkpoint item; after the job's {@code maxRecordAttempts} the batch is narrowed like a permanent one.
   */
  UNKNOWN;

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
      if (cause instanceof SdkException sdk) {
        return ServiceErrors.retryable(sdk) ? RETRYABLE : PERMANENT;
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
