package dev.runnel.localrunner.run;

/** A local run that did not complete: a stage's consumer failed, or the job never went quiet. */
public final class LocalRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public LocalRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
