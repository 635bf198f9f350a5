package dev.runnel.statestore.item;

import dev.runnel.statestore.StateKey;
import dev.runnel.statestore.StateTooLargeException;
import dev.runnel.statestore.StateWrite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The item format of the state table. A key's head item has partition key {@code <stage>|<key>}; a value too big for
 * one 400 KB item is cut into chunk items {@code <stage>#<key>#<i>} (i from 1), which the head counts. Stage ids hold
 * neither separator, so no head key can equal a chunk key, whatever the record keys are.
 */
public final class ItemLayout {
  /** Partition key attribute (string). */
  public static final String PARTITION_KEY = "pk";
  /** Version attribute (string), on heads and chunks. */
  public static final String VERSION = "v";
  /** Value attribute (binary): the whole value on an inline head, one part on a chunk. */
  public static final String VALUE = "s";
  /** Chunk count attribute (number), on chunked heads only. */
  public static final String CHUNKS = "n";
  /** Expiry attribute (number, epoch seconds), present only when the state expires; DynamoDB TTL reads it. */
  public static final String EXPIRES = "ttl";

  /** DynamoDB's item size limit, attribute names included. */
  public static final int MAX_ITEM_BYTES = 400 * 1024;
  /** DynamoDB's limit on the total size of the items of one TransactWriteItems. */
  public static final int MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
  /** DynamoDB's limit on the actions of one TransactWriteItems. */
  public static final int MAX_TRANSACTION_ITEMS = 100;
  /** DynamoDB's partition key size limit. */
  public static final int MAX_PARTITION_KEY_BYTES = 2048;

  private static final char HEAD_SEPARATOR = '|';
  private static final char CHUNK_SEPARATOR = '#';
  /** Room kept in a head key for the chunk suffix ({@code #<i>}), so that every chunk key is valid too. */
  private static final int CHUNK_SUFFIX_BYTES = 4;

  private ItemLayout() {}

  /** The partition key of the head item of {@code key}; IllegalArgumentException if too long for DynamoDB. */
  public static String headKey(StateKey key) {
    String pk = key.stage() + HEAD_SEPARATOR + key.key();
    if (utf8(pk) > MAX_PARTITION_KEY_BYTES - CHUNK_SUFFIX_BYTES) {
      throw new IllegalArgumentException("key \"" + key.key() + "\" of stage " + key.stage() + " is too long: its "
          + "partition key would exceed " + (MAX_PARTITION_KEY_BYTES - CHUNK_SUFFIX_BYTES) + " bytes");
    }
    return pk;
  }

  /** The partition key of chunk {@code index} (1-based) of {@code key}. */
  public static String chunkKey(StateKey key, int index) {
    return key.stage() + CHUNK_SEPARATOR + key.key() + CHUNK_SEPARATOR + index;
  }

  /**
   * The items a write puts: the head first, then the chunks 1..n if the value does not fit one item. A delete has
   * none.
   *
   * @throws StateTooLargeException if the items together exceed one transaction
   */
  public static List<StateItem> items(StateWrite write) {
    if (write.isDelete()) {
      return List.of();
    }
    StateKey key = write.key();
    String pk = headKey(key);
    byte[] value = write.value();
    Long expiresAt = write.expiresAtEpochSeconds() == 0 ? null : write.expiresAtEpochSeconds();
    StateItem inline = new StateItem(pk, write.newVersion(), value, null, expiresAt);
    if (size(inline) <= MAX_ITEM_BYTES) {
      return List.of(inline);
    }
    int overhead = (int) size(new StateItem(chunkKey(key, MAX_TRANSACTION_ITEMS), write.newVersion(), new byte[0],
        null, expiresAt));
    int partBytes = MAX_ITEM_BYTES - overhead;
    int parts = (value.length + partBytes - 1) / partBytes;
    List<StateItem> items = new ArrayList<>(parts + 1);
    items.add(new StateItem(pk, write.newVersion(), null, parts, expiresAt));
    for (int i = 0; i < parts; i++) {
      byte[] part = Arrays.copyOfRange(value, i * partBytes, Math.min(value.length, (i + 1) * partBytes));
      items.add(new StateItem(chunkKey(key, i + 1), write.newVersion(), part, null, expiresAt));
    }
    long total = items.stream().mapToLong(ItemLayout::size).sum();
    if (total > MAX_TRANSACTION_BYTES || items.size() > MAX_TRANSACTION_ITEMS) {
      throw new StateTooLargeException(key, value.length, total, MAX_TRANSACTION_BYTES);
    }
    return items;
  }

  /**
   * The value of a chunked head from its chunks, in order.
   *
   * @throws IllegalStateException if a chunk is missing or belongs to another version
   */
  public static byte[] assemble(StateKey key, StateItem head, List<StateItem> chunks) {
    int total = 0;
    for (int i = 0; i < head.chunks(); i++) {
      StateItem chunk = i < chunks.size() ? chunks.get(i) : null;
      if (chunk == null || !head.version().equals(chunk.version())) {
        throw new IllegalStateException("chunk " + (i + 1) + " of " + head.chunks() + " of stage " + key.stage()
            + ", key \"" + key.key() + "\" at version " + head.version() + " is "
            + (chunk == null ? "missing" : "of version " + chunk.version()));
      }
      total += chunk.valueSize();
    }
    byte[] value = new byte[total];
    int offset = 0;
    for (int i = 0; i < head.chunks(); i++) {
      byte[] part = chunks.get(i).value();
      System.arraycopy(part, 0, value, offset, part.length);
      offset += part.length;
    }
    return value;
  }

  /** The size DynamoDB bills for {@code item}: UTF-8 names plus values (strings in UTF-8, binary raw, numbers packed). */
  public static long size(StateItem item) {
    long size = PARTITION_KEY.length() + utf8(item.pk());
    if (item.version() != null) {
      size += VERSION.length() + utf8(item.version());
    }
    if (item.hasValue()) {
      size += VALUE.length() + item.valueSize();
    }
    if (item.chunks() != null) {
      size += CHUNKS.length() + numberSize(item.chunks());
    }
    if (item.expiresAt() != null) {
      size += EXPIRES.length() + numberSize(item.expiresAt());
    }
    return size;
  }

  /** DynamoDB's size of a number: one byte per two significant digits, plus one. */
  static int numberSize(long number) {
    String digits = Long.toString(Math.abs(number)).replaceAll("^0+", "").replaceAll("0+$", "");
    return Math.max(1, (digits.length() + 1) / 2 + 1);
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
