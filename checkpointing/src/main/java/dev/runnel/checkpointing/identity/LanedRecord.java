package dev.runnel.checkpointing.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The wire form of a record on a stream read in parallel lanes (docs/exactly-once.md, "Parallel lanes"): Lambda keeps
 * order per partition key only, so the partition key is {@code k1|} and 8 hex digits of the MD5 of the record's routing
 * key (the same for every record of a key), and the identity travels at the head of the data, before a newline:
 * {@code <identity>\n<JSON>}. Routing is unchanged (the explicit hash key).
 *
 * @param identityKey the identity ({@link RecordIdentity#toPartitionKey()}), or the partition key of a record that is
 *                    not laned
 * @param data        the record's own bytes
 */
public record LanedRecord(String identityKey, byte[] data) {
  /** What starts the partition key of a laned record. */
  public static final String PREFIX = "k1|";

  /** Bytes a laned record adds to one with its identity as partition key: the lane key and the newline. */
  public static final int OVERHEAD_BYTES = PREFIX.length() + 8 + 1;

  private static final byte NEWLINE = '\n';

  /** The partition key of every record routed by {@code routingKey}. */
  public static String laneKey(String routingKey) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(routingKey.getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5, which every Java platform must provide", e);
    }
  }

  /** True when {@code partitionKey} is a lane key, so the identity is in the data. */
  public static boolean isLaned(String partitionKey) {
    return partitionKey != null && partitionKey.startsWith(PREFIX);
  }

  /** The data of a laned record: the identity, a newline, then {@code data}. */
  public static byte[] wrap(String identityKey, byte[] data) {
    byte[] identity = identityKey.getBytes(StandardCharsets.UTF_8);
    byte[] wrapped = new byte[identity.length + 1 + data.length];
    System.arraycopy(identity, 0, wrapped, 0, identity.length);
    wrapped[identity.length] = NEWLINE;
    System.arraycopy(data, 0, wrapped, identity.length + 1, data.length);
    return wrapped;
  }

  /**
   * The identity and own bytes of a record read with {@code partitionKey}: split from the data when the key is a lane
   * key, else the partition key and data as they are (also for a laned record without a newline, which then fails
   * to decode and goes to the dead letters).
   */
  public static LanedRecord read(String partitionKey, byte[] data) {
    if (!isLaned(partitionKey)) {
      return new LanedRecord(partitionKey, data);
    }
    for (int i = 0; i < data.length; i++) {
      if (data[i] == NEWLINE) {
        return new LanedRecord(new String(data, 0, i, StandardCharsets.UTF_8),
            Arrays.copyOfRange(data, i + 1, data.length));
      }
    }
    return new LanedRecord(partitionKey, data);
  }
}
