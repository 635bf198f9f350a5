package dev.runnel.locallambda;

/** How an invocation of an isolated function ended. */
sealed interface InvocationResult {
  /** The handler returned: {@code /response} with this body (JSON). */
  record Response(byte[] body) implements InvocationResult {}

  /** The handler threw: {@code /error} with Lambda's error document (errorMessage, errorType, stackTrace). */
  record FunctionError(String errorType, String body) implements InvocationResult {}

  /** The runtime could not initialise the function ({@code /init/error}): the environment is unusable. */
  record InitError(String errorType, String body) implements InvocationResult {}

  /** The process ended before answering (a crash, a kill): Lambda's {@code Runtime.ExitError}. */
  record Exited(int exitCode) implements InvocationResult {}

  /** No answer within the function timeout: the process was killed, as Lambda resets a timed-out environment. */
  record TimedOut(long timeoutMillis) implements InvocationResult {}
}
