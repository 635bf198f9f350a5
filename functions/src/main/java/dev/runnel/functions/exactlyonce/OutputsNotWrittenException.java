package dev.runnel.functions.exactlyonce;

/**
 * Some outputs of a batch could not be written after all retries. No state was written: Lambda retries the batch,
 * and the retry resends every output with the same identities.
 */
public final class OutputsNotWrittenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String retryFrom;

  /** An exception with a message naming the stage and shard. */
  public OutputsNotWrittenException(String message) {
    this(message, null);
  }

  /** As above, naming the first input record whose outputs were not all written (null: not known). */
  public OutputsNotWrittenException(String message, String retryFrom) {
    super(message);
    this.retryFrom = retryFrom;
  }

  /** The sequence number of the first input record whose outputs were not all written, or null. */
  public String retryFrom() {
    return retryFrom;
  }
}
