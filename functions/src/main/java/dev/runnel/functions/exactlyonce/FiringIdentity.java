package dev.runnel.functions.exactlyonce;

import dev.runnel.checkpointing.identity.RecordIdentity;
import dev.runnel.functions.output.TableItem;
import java.math.BigInteger;

/**
 * The identity of what one key emits in one firing round, as an input of its own: producer shard
 * {@code <shardId>+t}, sequence number {@code round × 10^39 + MD5(key)}. Both depend only on the round (the
 * checkpoint revision that pinned it) and the key, so every attempt at the round gives the key's outputs the same
 * identities whichever other keys it fired. Rounds are pinned only after the previous round completed, so
 * {@code round × 10^39 − 1} is a committed position for the dedup memory downstream (docs/time.md).
 */
public final class FiringIdentity {
  private static final BigInteger ROUND_SPAN = BigInteger.TEN.pow(39);

  private FiringIdentity() {}

  /** The producer shard id of firings of {@code shardId}. */
  public static String shard(String shardId) {
    return shardId + "+t";
  }

  /** The shard a producer shard id names: itself, or the shard whose firings it carries. */
  public static String producerShard(String shardId) {
    return shardId.endsWith("+t") ? shardId.substring(0, shardId.length() - 2) : shardId;
  }

  /** The sequence number of {@code key}'s firing in {@code round}. */
  public static String sequenceNumber(long round, String key) {
    return BigInteger.valueOf(round).multiply(ROUND_SPAN)
        .add(new BigInteger(RecordIdentity.explicitHashKey(key))).toString();
  }

  /** The committed position that firings of {@code round} carry: every earlier round's outputs are acknowledged. */
  public static String committedBefore(long round) {
    return BigInteger.valueOf(round).multiply(ROUND_SPAN).subtract(BigInteger.ONE).max(BigInteger.ZERO).toString();
  }

  /**
   * The table-sink position of a firing in {@code round} after the record at {@code position} (null: none yet):
   * after that record's own writes and before any later record's, so a late record's corrected result wins.
   */
  public static String tablePosition(String shardId, String position, long round) {
    String digits = Long.toString(round);
    return TableItem.stamped(shardId, position == null ? "0" : position) + "#"
        + "0".repeat(20 - digits.length()) + digits;
  }
}
