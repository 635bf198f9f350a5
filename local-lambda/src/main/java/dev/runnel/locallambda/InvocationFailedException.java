package dev.runnel.locallambda;

/**
 * An invocation of an isolated function that did not return: the handler threw, the process exited, the init failed
 * or the function timed out. The event source mapping retries the batch, as Lambda does.
 */
public final class InvocationFailedException extends RuntimeException {
  private final transient InvocationResult result;

  InvocationFailedException(String message, InvocationResult result) {
    super(message);
    this.result = result;
  }

  /** True when the function timed out (and its process was killed). */
  public boolean timedOut() {
    return result instanceof InvocationResult.TimedOut;
  }

  /** True when the function's process ended before answering. */
  public boolean exited() {
    return result instanceof InvocationResult.Exited;
  }

  /** Lambda's description of a failed invocation, naming the function. */
  static InvocationFailedException of(String functionName, InvocationResult result) {
    String message;
    if (result instanceof InvocationResult.FunctionError error) {
      message = "function " + functionName + " failed: " + error.body();
    } else if (result instanceof InvocationResult.InitError error) {
      message = "function " + functionName + " could not initialise (" + error.errorType() + "): " + error.body();
    } else if (result instanceof InvocationResult.Exited exited) {
      message = "function " + functionName + ": Runtime.ExitError: the process exited with status "
          + exited.exitCode() + " before answering";
    } else if (result instanceof InvocationResult.TimedOut timedOut) {
      message = "function " + functionName + ": Task timed out after "
          + String.format(java.util.Locale.ROOT, "%.2f", timedOut.timeoutMillis() / 1000.0) + " seconds";
    } else {
      message = "function " + functionName + " answered";
    }
    return new InvocationFailedException(message, result);
  }
}
