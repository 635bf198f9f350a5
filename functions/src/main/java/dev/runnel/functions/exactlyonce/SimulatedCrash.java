package dev.runnel.functions.exactlyonce;

/**
 * Thrown by a fault-injection harness to stand for the death of the function's process at a point of the commit path.
 * Like a real crash it leaves no trace: it is not counted as a failed attempt (docs/exactly-once.md, "Poison
 * records"), so injected crashes never make a record look poison. Production code never throws it.
 */
public class SimulatedCrash extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A crash with a message saying where it was injected. */
  public SimulatedCrash(String message) {
    super(message);
  }

  /** As above, without a stack trace when {@code writableStackTrace} is false (a harness injecting many). */
  protected SimulatedCrash(String message, boolean writableStackTrace) {
    super(message, null, false, writableStackTrace);
  }
}
