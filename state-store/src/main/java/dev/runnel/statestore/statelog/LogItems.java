package dev.runnel.statestore.statelog;

import java.util.Objects;

/**
 * The items one attempt wrote for one commit of a shard: a log entry or a snapshot, in {@code parts} parts.
 *
 * @param kind     entry or snapshot
 * @param revision the checkpoint revision of the commit that names them
 * @param attempt  the writing attempt's id (1-16 characters of [0-9a-z]), so that two attempts never share an item
 * @param parts    how many parts (at least 1)
 */
public record LogItems(Kind kind, long revision, String attempt, int parts) {

  /** What the items hold. */
  public enum Kind {
    /** What one commit changed. */
    ENTRY,
    /** The shard's whole state. */
    SNAPSHOT
  }

  /** Checks the parts. */
  public LogItems {
    Objects.requireNonNull(kind, "kind");
    if (revision < 1) {
      throw new IllegalArgumentException("a state log revision is at least 1, not " + revision);
    }
    if (attempt == null || !attempt.matches("[0-9a-z]{1,16}")) {
      throw new IllegalArgumentException("an attempt id is 1-16 characters of [0-9a-z], not " + attempt);
    }
    if (parts < 1) {
      throw new IllegalArgumentException("log items have at least one part, not " + parts);
    }
  }
}
