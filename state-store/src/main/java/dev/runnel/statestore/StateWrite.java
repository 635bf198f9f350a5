package dev.runnel.statestore;

import java.util.Arrays;
import java.util.Objects;

/**
 * One conditional write of one key: applied only if the key is still at {@code expectedVersion}.
 *
 * @param key                   the key to write
 * @param expectedVersion       the version the writer read; null means the key must be absent (or expired)
 * @param newVersion            the version to store with the new value (ignored for a delete, may then be null)
 * @param value                 the new bytes (copied in and out); null deletes the key
 * @param expiresAtEpochSeconds when the new value expires, in epoch seconds; 0 means never
 */
public record StateWrite(StateKey key, String expectedVersion, String newVersion, byte[] value,
    long expiresAtEpochSeconds) {

  public StateWrite {
    Objects.requireNonNull(key, "key");
    if (value != null) {
      Objects.requireNonNull(newVersion, "newVersion (required unless the write is a delete)");
      value = value.clone();
    }
    if (expiresAtEpochSeconds < 0) {
      throw new IllegalArgumentException("expiresAtEpochSeconds must be 0 (never) or positive: " + expiresAtEpochSeconds);
    }
  }

  /** Stores {@code value} at {@code newVersion}, never expiring, if the key is at {@code expectedVersion}. */
  public static StateWrite put(StateKey key, String expectedVersion, String newVersion, byte[] value) {
    return new StateWrite(key, expectedVersion, newVersion, value, 0);
  }

  /** Deletes the key if it is at {@code expectedVersion}. */
  public static StateWrite delete(StateKey key, String expectedVersion) {
    return new StateWrite(key, expectedVersion, null, null, 0);
  }

  /** A copy of the new bytes, or null for a delete. */
  @Override
  public byte[] value() {
    return value == null ? null : value.clone();
  }

  /** True if this write deletes the key. */
  public boolean isDelete() {
    return value == null;
  }

  /** The size of the new value in bytes (0 for a delete), without copying it. */
  public int size() {
    return value == null ? 0 : value.length;
  }

  /** Equal when all fields and the bytes of the value are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof StateWrite that && key.equals(that.key)
        && Objects.equals(expectedVersion, that.expectedVersion) && Objects.equals(newVersion, that.newVersion)
        && expiresAtEpochSeconds == that.expiresAtEpochSeconds && Arrays.equals(value, that.value);
  }

  /** Consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Objects.hash(key, expectedVersion, newVersion, expiresAtEpochSeconds, Arrays.hashCode(value));
  }

  /** Key, versions, value size and expiry; not the bytes. */
  @Override
  public String toString() {
    return "StateWrite[" + key + " " + expectedVersion + " -> "
        + (value == null ? "deleted" : newVersion + ", " + value.length + " bytes") + ", expires "
        + (expiresAtEpochSeconds == 0 ? "never" : expiresAtEpochSeconds) + "]";
  }
}
