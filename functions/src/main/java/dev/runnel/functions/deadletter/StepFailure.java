package dev.runnel.functions.deadletter;

import java.util.Objects;

/**
 * Thrown inside the per-record pipeline when one step fails; the processor turns it into a {@link RecordFailure}
 * that also names the record's position.
 */
public final class StepFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorType type;
  private final String step;

  /** A failure of {@code step} (an operator, codec or output name) with a message and an optional cause. */
  public StepFailure(ErrorType type, String step, String message, Throwable cause) {
    super(message, cause);
    this.type = Objects.requireNonNull(type, "type");
    this.step = step;
  }

  /** The kind of failure. */
  public ErrorType type() {
    return type;
  }

  /** The operator, codec or output that failed, or null. */
  public String step() {
    return step;
  }
}
