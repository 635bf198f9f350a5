package dev.runnel.statestore;

/** A state too big to store: even split into chunks it exceeds one DynamoDB transaction (4 MB). */
public final class StateTooLargeException extends IllegalArgumentException {

  /** A failure for {@code key}, whose value of {@code valueBytes} needs {@code storedBytes} of at most {@code limit}. */
  public StateTooLargeException(StateKey key, long valueBytes, long storedBytes, long limit) {
    super("state of stage " + key.stage() + ", key \"" + key.key() + "\" is too large: " + valueBytes
        + " bytes of value take " + storedBytes + " bytes of items, over the " + limit
        + "-byte limit of one DynamoDB transaction; keep state per key well under 4 MB");
  }
}
