package dev.runnel.inference;

/**
 * The model's circuit is open: its endpoint failed repeatedly, and no request is sent until the circuit half-opens.
 * The stage fails the batch (Lambda retries it later); answers already obtained are stored and reused then.
 */
public final class ModelUnavailableException extends RuntimeException {
  /** The model {@code model} is unavailable, for {@code reason}. */
  public ModelUnavailableException(String model, String reason, Throwable cause) {
    super("model '" + model + "' is unavailable (circuit open): " + reason, cause);
  }
}
