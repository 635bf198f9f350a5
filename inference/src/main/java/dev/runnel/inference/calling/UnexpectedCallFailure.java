package dev.runnel.inference.calling;

/**
 * A request to a model that failed in a way its provider's client did not classify (a bug, an error of the JVM):
 * neither the record's fault nor the endpoint's, so it is neither retried nor stored as the record's answer; the
 * batch fails with it as its cause.
 */
final class UnexpectedCallFailure extends RuntimeException {
  UnexpectedCallFailure(String modelLabel, Throwable cause) {
    super(modelLabel + ": a request failed unexpectedly: " + cause, cause);
  }
}
