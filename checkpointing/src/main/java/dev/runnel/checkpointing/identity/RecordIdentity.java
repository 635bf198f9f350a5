package dev.runnel.checkpointing.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity of a record Runnel writes: the {@code index}-th output that stage {@code stage} produced from the input
 * record at ({@code shardId}, {@code sequenceNumber}), sent while the producer's committed position on that shard was
 * {@code committed} (a sequence number, or {@value #NOTHING_COMMITTED} when none). It travels in the partition key.
 * An event-time stage also carries the output's event time ({@code eventTime}, epoch milliseconds), or
 * {@link #NO_TIME} when the record has none (docs/time.md).
 *
 * <p>Two attempts at the same output have equal stage, shard, sequence number and index (docs/exactly-once.md, I3);
 * {@code committed} may differ between them and is no part of "the same record" (see {@link #sameRecordAs}).
 *
 * @param stage          the producing stage
 * @param shardId        the shard of the producer's input stream that held the input record
 * @param sequenceNumber the input record's sequence number (decimal digits)
 * @param index          the output's number among the outputs of that input record in that stage, from 0
 * @param committed      the producer's committed position when the record was sent: decimal digits, or "-"
 * @param eventTime      the output's event time in epoch milliseconds (may be negative), or {@link #NO_TIME}
 * @param watermark      the producer's watermark when it sent the record, or {@link #NO_TIME}: nothing it sends later
 *                       has an event time at or before it, except late records
 */
public record RecordIdentity(String stage, String shardId, String sequenceNumber, int index, String committed,
    long eventTime, long watermark) {

  /** The {@code committed} value of a producer that has not committed any position yet. */
  public static final String NOTHING_COMMITTED = "-";
  /** The prefix, with its version, of every partition key that carries an identity. */
  public static final String PREFIX = "r1|";
  /** Kinesis's limit on a partition key, in characters. */
  public static final int MAX_PARTITION_KEY_LENGTH = 256;

  /** The {@code eventTime} of a record without one; its partition key has no event-time field. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private static final char SEPARATOR = '|';
  private static final int FIELDS = 6;
  private static final int FIELDS_WITH_TIME = 7;
  private static final int FIELDS_WITH_WATERMARK = 8;
  private static final String NO_TIME_FIELD = "-";

  /** An identity without event time. */
  public RecordIdentity(String stage, String shardId, String sequenceNumber, int index, String committed) {
    this(stage, shardId, sequenceNumber, index, committed, NO_TIME, NO_TIME);
  }

  /** An identity with an event time ({@link #NO_TIME}: none) and no producer watermark. */
  public RecordIdentity(String stage, String shardId, String sequenceNumber, int index, String committed,
      long eventTime) {
    this(stage, shardId, sequenceNumber, index, committed, eventTime, NO_TIME);
  }

  /** Checks that no part is missing, the index is not negative and the positions are decimal numbers. */
  public RecordIdentity {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    Objects.requireNonNull(committed, "committed");
    if (stage.isEmpty() || shardId.isEmpty()) {
      throw new IllegalArgumentException("a record identity needs a stage and a shard id, got stage '" + stage
          + "' and shard '" + shardId + "'");
    }
    if (!isDecimal(sequenceNumber)) {
      throw new IllegalArgumentException("sequence number must be decimal digits, not '" + sequenceNumber + "'");
    }
    if (index < 0) {
      throw new IllegalArgumentException("output index must not be negative, not " + index);
    }
    if (!committed.equals(NOTHING_COMMITTED) && !isDecimal(committed)) {
      throw new IllegalArgumentException("committed position must be decimal digits or '-', not '" + committed + "'");
    }
  }

  /** This identity with event time {@code eventTime} ({@link #NO_TIME}: none). */
  public RecordIdentity withEventTime(long eventTime) {
    return new RecordIdentity(stage, shardId, sequenceNumber, index, committed, eventTime, watermark);
  }

  /**
   * This identity carrying the producer's watermark when it sent the record ({@link #NO_TIME}: none): the producer
   * sends nothing after it with an event time at or before that watermark (except late records), so a reader that
   * has read this record may take it as that producer's watermark, in-band (docs/time.md).
   */
  public RecordIdentity withWatermark(long watermark) {
    return new RecordIdentity(stage, shardId, sequenceNumber, index, committed, eventTime, watermark);
  }

  /** True if this identity carries the producer's watermark. */
  public boolean hasWatermark() {
    return watermark != NO_TIME;
  }

  /** True if this identity carries an event time. */
  public boolean hasEventTime() {
    return eventTime != NO_TIME;
  }

  /**
   * The partition key {@code r1|stage|shardId|sequenceNumber|index|committed}, followed by {@code |eventTime} (decimal,
   * may be negative) when there is one, and by {@code |watermark} when there is one (then the event time is "-" when
   * absent); throws IllegalArgumentException if a part contains '|' or the key is longer
   * than {@value #MAX_PARTITION_KEY_LENGTH} characters.
   */
  public String toPartitionKey() {
    requireNoSeparator("stage", stage);
    requireNoSeparator("shard id", shardId);
    String key = PREFIX + stage + SEPARATOR + shardId + SEPARATOR + sequenceNumber + SEPARATOR + index + SEPARATOR
        + committed + (hasEventTime() || hasWatermark() ? SEPARATOR + timeField(eventTime) : "")
        + (hasWatermark() ? SEPARATOR + Long.toString(watermark) : "");
    if (key.length() > MAX_PARTITION_KEY_LENGTH) {
      throw new IllegalArgumentException("record identity is " + key.length() + " characters, more than the "
          + MAX_PARTITION_KEY_LENGTH + " Kinesis allows in a partition key: " + key);
    }
    return key;
  }

  /**
   * The identity a partition key carries; empty for any key that does not start with {@value #PREFIX} (records of
   * external producers). Throws IllegalArgumentException for a key that starts with it but is malformed.
   */
  public static Optional<RecordIdentity> parse(String partitionKey) {
    if (partitionKey == null || !partitionKey.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = partitionKey.split("\\|", -1);
    if (parts.length != FIELDS && parts.length != FIELDS_WITH_TIME && parts.length != FIELDS_WITH_WATERMARK) {
      throw malformed(partitionKey, "it has " + parts.length + " '|'-separated fields, not " + FIELDS + ", "
          + FIELDS_WITH_TIME + " or " + FIELDS_WITH_WATERMARK);
    }
    int index;
    try {
      index = Integer.parseInt(parts[4]);
    } catch (NumberFormatException e) {
      throw malformed(partitionKey, "the output index '" + parts[4] + "' is not a number");
    }
    if (!parts[4].equals(Integer.toString(index))) {
      throw malformed(partitionKey, "the output index '" + parts[4] + "' is not in canonical form");
    }
    long eventTime = NO_TIME;
    long watermark = NO_TIME;
    if (parts.length == FIELDS_WITH_TIME) {
      eventTime = eventTime(partitionKey, parts[6]);
    } else if (parts.length == FIELDS_WITH_WATERMARK) {
      eventTime = parts[6].equals(NO_TIME_FIELD) ? NO_TIME : eventTime(partitionKey, parts[6]);
      watermark = eventTime(partitionKey, parts[7]);
    }
    try {
      return Optional.of(new RecordIdentity(parts[1], parts[2], parts[3], index, parts[5], eventTime, watermark));
    } catch (IllegalArgumentException e) {
      throw malformed(partitionKey, e.getMessage());
    }
  }

  private static String timeField(long time) {
    return time == NO_TIME ? NO_TIME_FIELD : Long.toString(time);
  }

  /** The 7th or 8th field: a long in canonical decimal form, other than {@link #NO_TIME} (which is written as no field). */
  private static long eventTime(String partitionKey, String field) {
    long eventTime;
    try {
      eventTime = Long.parseLong(field);
    } catch (NumberFormatException e) {
      throw malformed(partitionKey, "the event time '" + field + "' is not a whole number of milliseconds");
    }
    if (!field.equals(Long.toString(eventTime))) {
      throw malformed(partitionKey, "the event time '" + field + "' is not in canonical form");
    }
    if (eventTime == NO_TIME) {
      throw malformed(partitionKey, "the event time '" + field + "' is the value that means no event time");
    }
    return eventTime;
  }

  /** The channel a dedup memory groups identities by: {@code stage|shardId}, one producer's input shard. */
  public String producer() {
    return stage + SEPARATOR + shardId;
  }

  /**
   * True if {@code other} is an attempt at the same output: same stage, shard, sequence number and index ({@code
   * committed} and {@code eventTime} are not compared).
   */
  public boolean sameRecordAs(RecordIdentity other) {
    return stage.equals(other.stage) && shardId.equals(other.shardId) && sequenceNumber.equals(other.sequenceNumber)
        && index == other.index;
  }

  /**
   * The explicit hash key that routes a record as Kinesis would route partition key {@code routingKey}: the unsigned
   * 128-bit MD5 of its UTF-8 bytes, big-endian, in decimal.
   */
  public static String explicitHashKey(String routingKey) {
    Objects.requireNonNull(routingKey, "routingKey");
    // one digest per thread and no BigInteger: a provider look-up and a BigInteger's decimal text per output record
    // were 7-8% of Nexmark q5's and q11's function CPU
    byte[] digest = MD5.get().digest(routingKey.getBytes(StandardCharsets.UTF_8));
    return unsignedDecimal(ByteBuffer.wrap(digest).getLong(0), ByteBuffer.wrap(digest).getLong(8));
  }

  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5, which every Java platform must provide", e);
    }
  });

  /** The unsigned 128-bit number {@code high:low} in decimal, as {@code new BigInteger(1, bytes).toString()}. */
  static String unsignedDecimal(long high, long low) {
    if (high == 0) {
      return Long.toUnsignedString(low);
    }
    // four 32-bit limbs, most significant first, divided by 10^9 until nothing is left: nine digits at a time
    long[] limbs = {high >>> 32, high & 0xFFFF_FFFFL, low >>> 32, low & 0xFFFF_FFFFL};
    long[] groups = new long[5];
    int count = 0;
    boolean left = true;
    while (left) {
      long remainder = 0;
      left = false;
      for (int i = 0; i < limbs.length; i++) {
        long current = (remainder << 32) | limbs[i];
        limbs[i] = current / BILLION;
        remainder = current % BILLION;
        left |= limbs[i] != 0;
      }
      groups[count++] = remainder;
    }
    StringBuilder text = new StringBuilder(39).append(groups[count - 1]);
    for (int i = count - 2; i >= 0; i--) {
      String group = Long.toString(groups[i]);
      text.append("000000000", group.length(), 9).append(group);
    }
    return text.toString();
  }

  private static final long BILLION = 1_000_000_000L;

  private static boolean isDecimal(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static void requireNoSeparator(String part, String value) {
    if (value.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException(part + " '" + value + "' contains '|', which separates the fields of a "
          + "record identity");
    }
  }

  private static IllegalArgumentException malformed(String partitionKey, String reason) {
    return new IllegalArgumentException("malformed record identity '" + partitionKey + "': " + reason);
  }
}
