package dev.runnel.statestore.item;

import java.util.Arrays;
import java.util.Objects;

/**
 * One DynamoDB item of the state table: a head (the state of a key, its value inline or its chunk count) or a chunk
 * (one part of a chunked value, tagged with the version of its head). Null fields are attributes left out.
 *
 * @param pk        the partition key, {@code pk}
 * @param version   the state's version, {@code v}
 * @param value     the value, or this chunk's part of it, {@code s} (binary; copied in and out)
 * @param chunks    on a chunked head, how many chunk items hold the value, {@code n}
 * @param expiresAt epoch seconds after which DynamoDB TTL may delete the item, {@code ttl}
 */
public record StateItem(String pk, String version, byte[] value, Integer chunks, Long expiresAt) {

  public StateItem {
    Objects.requireNonNull(pk, "pk");
    value = value == null ? null : value.clone();
  }

  /** A copy of the value, or null. */
  @Override
  public byte[] value() {
    return value == null ? null : value.clone();
  }

  /** True if the item has a value attribute. */
  public boolean hasValue() {
    return value != null;
  }

  /** The value's length in bytes (0 if absent), without copying it. */
  public int valueSize() {
    return value == null ? 0 : value.length;
  }

  /** True if this is a head whose value lives in chunk items. */
  public boolean isChunked() {
    return chunks != null && chunks > 0;
  }

  /** True if the item has an expiry at or before {@code nowEpochSeconds}. */
  public boolean isExpiredAt(long nowEpochSeconds) {
    return expiresAt != null && expiresAt != 0 && expiresAt <= nowEpochSeconds;
  }

  /** Equal when all attributes, the bytes of the value included, are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof StateItem that && pk.equals(that.pk) && Objects.equals(version, that.version)
        && Arrays.equals(value, that.value) && Objects.equals(chunks, that.chunks)
        && Objects.equals(expiresAt, that.expiresAt);
  }

  /** Consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Objects.hash(pk, version, Arrays.hashCode(value), chunks, expiresAt);
  }

  /** The attributes, with the value's size instead of its bytes. */
  @Override
  public String toString() {
    return "StateItem[pk=" + pk + ", v=" + version + ", s=" + (value == null ? "-" : value.length + " bytes")
        + ", n=" + chunks + ", ttl=" + expiresAt + "]";
  }
}
