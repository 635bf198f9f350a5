package dev.runnel.inference.calling;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failed request to a model, classified by its provider's client. Its message names the HTTP status, the error
 * type and the server's message; never the prompt or the API key.
 */
public final class CallFailure extends RuntimeException {
  private static final int MAX_DETAIL = 300;

  private final FailureKind kind;
  private final int status;
  private final String errorType;
  private final Duration retryAfter;

  /**
   * A failure of {@code kind}.
   *
   * @param status     the HTTP status, 0 when there was none
   * @param errorType  the provider's error type or code, or null
   * @param detail     the server's (or transport's) message, or null; cut to 300 characters
   * @param retryAfter how long the server asked to wait before retrying, or null
   */
  public CallFailure(FailureKind kind, int status, String errorType, String detail, Duration retryAfter,
      Throwable cause) {
    super(describe(kind, status, errorType, detail), cause, false, false);
    this.kind = kind;
    this.status = status;
    this.errorType = errorType;
    this.retryAfter = retryAfter;
  }

  /** A failure without an HTTP status (timeout, connection, malformed response, invalid answer). */
  public static CallFailure of(FailureKind kind, String detail, Throwable cause) {
    return new CallFailure(kind, 0, null, detail, null, cause);
  }

  /** What went wrong. */
  public FailureKind kind() {
    return kind;
  }

  /** The HTTP status, 0 when there was none. */
  public int status() {
    return status;
  }

  /** The provider's error type or code, if it sent one. */
  public Optional<String> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** How long the server asked to wait before the next attempt, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The call failure inside {@code error} (unwrapping completion wrappers), if it is one. */
  public static Optional<CallFailure> in(Throwable error) {
    Throwable cause = unwrap(error);
    return cause instanceof CallFailure failure ? Optional.of(failure) : Optional.empty();
  }

  /** {@code error} without the {@link CompletionException} and {@link ExecutionException} around it. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(FailureKind kind, int status, String errorType, String detail) {
    StringBuilder text = new StringBuilder();
    text.append(switch (kind) {
      case RATE_LIMITED -> "rate limited";
      case SERVER_ERROR -> "server error";
      case TIMEOUT -> "timed out";
      case CONNECTION -> "connection failed";
      case MALFORMED_RESPONSE -> "malformed response";
      case INVALID_ANSWER -> "invalid answer";
      case REJECTED -> "request rejected";
    });
    if (status > 0) {
      text.append(" (HTTP ").append(status);
      if (errorType != null && !errorType.isBlank()) {
        text.append(' ').append(errorType);
      }
      text.append(')');
    } else if (errorType != null && !errorType.isBlank()) {
      text.append(" (").append(errorType).append(')');
    }
    if (detail != null && !detail.isBlank()) {
      String cut = detail.strip();
      text.append(": ").append(cut.length() > MAX_DETAIL ? cut.substring(0, MAX_DETAIL) + "..." : cut);
    }
    return text.toString();
  }
}
