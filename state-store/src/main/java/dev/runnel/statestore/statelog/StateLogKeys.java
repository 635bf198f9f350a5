package dev.runnel.statestore.statelog;

import java.util.Objects;

/**
 * The keys of state log items: {@code pk} = {@code <stage>|<shard>}; {@code sk} = kind ({@code e} entry, {@code s}
 * snapshot), the revision as 19 digits, the attempt id and the part as 5 digits (from 0), joined by '|', so that a
 * shard's items sort by kind, revision, attempt and part.
 */
final class StateLogKeys {
  /** The most parts one commit's items can have (5 digits). */
  static final int MAX_PARTS = 100_000;

  private static final int REVISION_DIGITS = 19;
  private static final int PART_DIGITS = 5;
  /** Sorts after every character of a revision, attempt id or part, so {@code prefix + AFTER} bounds a range. */
  private static final char AFTER = '~';

  private StateLogKeys() {}

  /** One stored part, as its sort key names it. */
  record Part(LogItems.Kind kind, long revision, String attempt, int part) {
    /** True if {@code items} names this part. */
    boolean namedBy(LogItems items) {
      return items.kind() == kind && items.revision() == revision && items.attempt().equals(attempt)
          && part < items.parts();
    }
  }

  /** The partition key of ({@code stage}, {@code shard}); a stage name must not contain '|'. */
  static String partitionKey(String stage, String shard) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(shard, "shard");
    if (stage.indexOf('|') >= 0) {
      throw new IllegalArgumentException("stage name '" + stage + "' contains '|', which separates it from the shard");
    }
    return stage + "|" + shard;
  }

  /** The sort key of part {@code part} (from 0) of {@code items}. */
  static String sortKey(LogItems items, int part) {
    if (part < 0 || part >= MAX_PARTS) {
      throw new IllegalArgumentException("a state log part is 0 to " + (MAX_PARTS - 1) + ", not " + part);
    }
    return itemsPrefix(items) + padded(part, PART_DIGITS);
  }

  /** The prefix every part of {@code items} starts with: {@code k|revision|attempt|}. */
  static String itemsPrefix(LogItems items) {
    return revisionPrefix(items.kind(), items.revision()) + items.attempt() + "|";
  }

  /** The prefix of every item of {@code kind} at {@code revision}: {@code k|revision|}. */
  static String revisionPrefix(LogItems.Kind kind, long revision) {
    return kindPrefix(kind) + padded(revision, REVISION_DIGITS) + "|";
  }

  /** The prefix of every item of {@code kind}: {@code k|}. */
  static String kindPrefix(LogItems.Kind kind) {
    return kind == LogItems.Kind.ENTRY ? "e|" : "s|";
  }

  /** The least string above every key that starts with {@code prefix}, for the upper end of a BETWEEN. */
  static String upperBound(String prefix) {
    return prefix + AFTER;
  }

  /** The part a sort key names. */
  static Part parse(String sk) {
    String[] fields = sk.split("\\|", -1);
    if (fields.length != 4 || fields[1].length() != REVISION_DIGITS || fields[3].length() != PART_DIGITS
        || !(fields[0].equals("e") || fields[0].equals("s"))) {
      throw new IllegalArgumentException("not a state log sort key (k|19-digit revision|attempt|5-digit part): " + sk);
    }
    try {
      return new Part(fields[0].equals("e") ? LogItems.Kind.ENTRY : LogItems.Kind.SNAPSHOT,
          Long.parseLong(fields[1]), fields[2], Integer.parseInt(fields[3]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a state log sort key (k|19-digit revision|attempt|5-digit part): " + sk,
          e);
    }
  }

  private static String padded(long value, int digits) {
    String text = Long.toString(value);
    StringBuilder out = new StringBuilder(digits);
    for (int i = text.length(); i < digits; i++) {
      out.append('0');
    }
    return out.append(text).toString();
  }
}
