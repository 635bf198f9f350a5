package dev.runnel.functions.exactlyonce;

/**
 * Another invocation (a zombie, or a retry on another instance) wrote state or the checkpoint this invocation read.
 * Nothing of this attempt is lost: Lambda retries the batch, and the retry skips what was already applied.
 */
public final class ConcurrentAttemptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the stage, shard and what conflicted. */
  public ConcurrentAttemptException(String message) {
    super(message);
  }
}
