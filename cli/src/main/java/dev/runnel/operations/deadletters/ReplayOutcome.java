package dev.runnel.operations.deadletters;

/**
 * What a replay did with one dead letter.
 *
 * @param id             the dead letter
 * @param result         what happened
 * @param detail         why, or where the record went, in words
 * @param partitionKey   the partition key the record was put with, or null
 * @param sequenceNumber its sequence number in the stage's input stream, or null
 */
public record ReplayOutcome(DeadLetterId id, Result result, String detail, String partitionKey,
    String sequenceNumber) {
  /** What happened to one dead letter. */
  public enum Result {
    /** Put into the stage's input and marked replayed. */
    REPLAYED,
    /** A replay had put it before (or another one running now claimed it): not put again. */
    ALREADY_REPLAYED,
    /** Not put: it cannot be replayed (the detail says why and what to do). */
    REFUSED,
    /** The put failed; the claim was taken back, so it can be replayed again. */
    FAILED
  }
}
