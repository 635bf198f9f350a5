package dev.runnel.statestore;

import java.util.Arrays;
import java.util.Objects;

/**
 * The state of one key as it is stored: the version of its last write and its bytes.
 *
 * @param key                   whose state this is
 * @param version               the opaque version its writer chose (the protocol uses {@code shardId/sequenceNumber})
 * @param value                 the state's bytes (copied in and out)
 * @param expiresAtEpochSeconds when the state expires, in epoch seconds; 0 means never
 */
public record StoredState(StateKey key, String version, byte[] value, long expiresAtEpochSeconds) {

  public StoredState {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(version, "version");
    value = Objects.requireNonNull(value, "value").clone();
    if (expiresAtEpochSeconds < 0) {
      throw new IllegalArgumentException("expiresAtEpochSeconds must be 0 (never) or positive: " + expiresAtEpochSeconds);
    }
  }

  /** A copy of the state's bytes. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The size of the value in bytes, without copying it. */
  public int size() {
    return value.length;
  }

  /** True if the state has an expiry and it is at or before {@code nowEpochSeconds}. */
  public boolean isExpiredAt(long nowEpochSeconds) {
    return expiresAtEpochSeconds != 0 && expiresAtEpochSeconds <= nowEpochSeconds;
  }

  /** Equal when key, version, expiry and the bytes of the value are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof StoredState that && key.equals(that.key) && version.equals(that.version)
        && expiresAtEpochSeconds == that.expiresAtEpochSeconds && Arrays.equals(value, that.value);
  }

  /** Consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Objects.hash(key, version, expiresAtEpochSeconds, Arrays.hashCode(value));
  }

  /** Key, version, value size and expiry; not the bytes. */
  @Override
  public String toString() {
    return "StoredState[" + key + " @ " + version + ", " + value.length + " bytes, expires "
        + (expiresAtEpochSeconds == 0 ? "never" : expiresAtEpochSeconds) + "]";
  }
}
