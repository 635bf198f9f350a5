package dev.runnel.functions.inference;

/** A record's model call failed after its retries, or its answer did not match; the record goes to the dead letters. */
public final class ModelCallException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failed call of {@code model}, with the error that ended its retries. */
  public ModelCallException(String model, String error) {
    super("model '" + model + "': " + error);
  }
}
