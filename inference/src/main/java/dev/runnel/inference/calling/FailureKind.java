package dev.runnel.inference.calling;

/** Why a request to a model failed, as retries and the circuit breaker see it. */
public enum FailureKind {
  /** 429: the provider's rate limit; retried (after Retry-After), not the endpoint's fault. */
  RATE_LIMITED(true, false),
  /** 500, 502, 503, 504: retried, and counts against the endpoint's circuit. */
  SERVER_ERROR(true, true),
  /** No answer within the attempt's time (or 408); retried, counts against the circuit. */
  TIMEOUT(true, true),
  /** Connection refused, reset or closed; retried, counts against the circuit. */
  CONNECTION(true, true),
  /** A response that could not be read (malformed JSON, missing fields); retried. */
  MALFORMED_RESPONSE(true, false),
  /** An answer that the {@link dev.runnel.inference.AnswerCheck} refused; retried. */
  INVALID_ANSWER(true, false),
  /** Any other client error (400, 401, 403, 404, ...): fails at once. */
  REJECTED(false, false);

  private final boolean retried;
  private final boolean endpointFault;

  FailureKind(boolean retried, boolean endpointFault) {
    this.retried = retried;
    this.endpointFault = endpointFault;
  }

  /** True when another attempt may succeed. */
  public boolean retried() {
    return retried;
  }

  /** True when the failure says the endpoint is unhealthy (it counts towards opening the circuit). */
  public boolean endpointFault() {
    return endpointFault;
  }

  /** The kind of an HTTP error status. */
  public static FailureKind ofStatus(int status) {
    return switch (status) {
      case 429 -> RATE_LIMITED;
      case 500, 502, 503, 504 -> SERVER_ERROR;
      case 408 -> TIMEOUT;
      default -> REJECTED;
    };
  }
}
