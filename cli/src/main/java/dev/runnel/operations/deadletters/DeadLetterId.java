package dev.runnel.operations.deadletters;

import java.util.Objects;

/**
 * The id the operations commands give a dead letter: {@code <stage>/<shard>/<position>}, its table key
 * ({@code source} = {@code <stage>/<shard>}, {@code position}) joined by '/'; everything after the second '/' is the
 * position.
 *
 * @param stage    the stage that failed the record
 * @param shard    the shard of the stage's input it was read from
 * @param position its sequence number there
 */
public record DeadLetterId(String stage, String shard, String position) {
  /** Checks that no part is missing. */
  public DeadLetterId {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(position, "position");
  }

  /**
   * Parses {@code <stage>/<shard>/<position>}.
   *
   * @throws IllegalArgumentException if it is not of that form
   */
  public static DeadLetterId parse(String id) {
    // stage ids and shard ids hold no '/'; a position may (a rejected input line's is <input file>:<line>)
    int first = id.indexOf('/');
    int last = first < 0 ? -1 : id.indexOf('/', first + 1);
    if (first <= 0 || last <= first + 1 || last == id.length() - 1) {
      throw new IllegalArgumentException("a dead letter id is <stage>/<shard>/<position>, as `runnel dead-letters "
          + "list` prints it, not '" + id + "'");
    }
    return new DeadLetterId(id.substring(0, first), id.substring(first + 1, last), id.substring(last + 1));
  }

  /** The table's partition key value: {@code <stage>/<shard>}. */
  public String source() {
    return stage + "/" + shard;
  }

  @Override
  public String toString() {
    return source() + "/" + position;
  }
}
