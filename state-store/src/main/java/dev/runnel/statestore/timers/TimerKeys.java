package dev.runnel.statestore.timers;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The layout of a timer index entry, shared by both implementations so that they agree: partition key
 * {@code stage|shardId|e} (event time) or {@code stage|shardId|p} (processing time), sort key = the time as 20 decimal
 * digits of {@code time - Long.MIN_VALUE} taken unsigned (so negative times sort before positive ones), then '|', then
 * the record key.
 */
final class TimerKeys {
  /** DynamoDB's limit on a sort key value, in UTF-8 bytes. */
  static final int MAX_SORT_KEY_BYTES = 1024;
  /** DynamoDB's limit on a partition key value, in UTF-8 bytes. */
  static final int MAX_PARTITION_KEY_BYTES = 2048;

  private static final int TIME_DIGITS = 20;

  /** The order of {@link TimerIndex#due}: by time, then by key in code point order (DynamoDB's UTF-8 byte order). */
  static final Comparator<TimerEntry> ORDER =
      Comparator.comparingLong(TimerEntry::time).thenComparing(TimerEntry::key, TimerKeys::compareCodePoints);

  private TimerKeys() {}

  /** The partition key of ({@code stage}, {@code shardId}, {@code domain}). */
  static String partitionKey(String stage, String shardId, TimerEntry.Domain domain) {
    requirePart("stage", stage);
    requirePart("shard id", shardId);
    Objects.requireNonNull(domain, "domain");
    String pk = stage + "|" + shardId + "|" + (domain == TimerEntry.Domain.EVENT_TIME ? "e" : "p");
    if (pk.getBytes(StandardCharsets.UTF_8).length > MAX_PARTITION_KEY_BYTES) {
      throw new IllegalArgumentException("timer index partition key of stage '" + stage + "' and shard '" + shardId
          + "' is over " + MAX_PARTITION_KEY_BYTES + " bytes");
    }
    return pk;
  }

  /** {@code time} as a fixed-width string whose order is the numeric order of the times. */
  static String sortableTime(long time) {
    String digits = Long.toUnsignedString(time ^ Long.MIN_VALUE);
    return "0".repeat(TIME_DIGITS - digits.length()) + digits;
  }

  /** The sort key of {@code entry}; IllegalArgumentException if it would be over DynamoDB's 1024 bytes. */
  static String sortKey(TimerEntry entry) {
    String sk = sortableTime(entry.time()) + "|" + entry.key();
    int bytes = sk.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_SORT_KEY_BYTES) {
      throw new IllegalArgumentException("timer key of " + (bytes - TIME_DIGITS - 1) + " UTF-8 bytes is too long for "
          + "the timer index (at most " + (MAX_SORT_KEY_BYTES - TIME_DIGITS - 1) + "): "
          + entry.key().substring(0, Math.min(entry.key().length(), 64)) + "...");
    }
    return sk;
  }

  /**
   * The exclusive upper bound of the sort keys due at or before {@code upTo}: the padded time followed by '}', the
   * character after '|'. (A bound of {@code "|\uffff"}, inclusive, would miss keys at exactly {@code upTo} that start
   * with a character above U+FFFF: their UTF-8 bytes sort after those of U+FFFF.)
   */
  static String upperBoundExclusive(long upTo) {
    return sortableTime(upTo) + "}";
  }

  /** The entry a sort key names in {@code domain}. */
  static TimerEntry parse(TimerEntry.Domain domain, String sortKey) {
    if (sortKey.length() <= TIME_DIGITS || sortKey.charAt(TIME_DIGITS) != '|') {
      throw new IllegalStateException("timer index sort key '" + sortKey + "' is not <20 digits>|<key>");
    }
    long time = Long.parseUnsignedLong(sortKey.substring(0, TIME_DIGITS)) ^ Long.MIN_VALUE;
    return new TimerEntry(domain, time, sortKey.substring(TIME_DIGITS + 1));
  }

  /** {@code entries} without duplicates, in their first order; checks the stage, the shard and each sort key. */
  static List<TimerEntry> distinct(String stage, String shardId, Collection<TimerEntry> entries) {
    partitionKey(stage, shardId, TimerEntry.Domain.EVENT_TIME);
    Objects.requireNonNull(entries, "entries");
    LinkedHashSet<TimerEntry> distinct = new LinkedHashSet<>();
    for (TimerEntry entry : entries) {
      Objects.requireNonNull(entry, "entry");
      sortKey(entry);
      distinct.add(entry);
    }
    return List.copyOf(distinct);
  }

  /** How many BatchWriteItem requests {@code items} distinct writes take, at 25 per request. */
  static long batches(int items) {
    return (items + 24) / 25;
  }

  private static void requirePart(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a timer index entry needs a non-empty " + what);
    }
    if (value.indexOf('|') >= 0) {
      throw new IllegalArgumentException(what + " '" + value + "' contains '|', which separates the parts of the "
          + "timer index partition key");
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
