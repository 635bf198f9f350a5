package dev.runnel.functions.exactlyonce;

/**
 * Some outputs of a batch could not be written after all retries. No state was written: Lambda retries the batch,
 * and the retry resends every output with the same identities.
 */
public final class OutputsNotWrittenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the stage and shard. */
  public OutputsNotWrittenException(String message) {
    super(message);
  }
}
