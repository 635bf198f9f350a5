package dev.runnel.checkpointing.progress;

import java.util.Comparator;
import java.util.Objects;

/** Checks and orders the keys of a progress row; both stores use it so that they agree. */
final class ProgressKeys {
  /** Shard ids in the order DynamoDB sorts string sort keys: by UTF-8 bytes, which is code point order. */
  static final Comparator<String> SHARD_ORDER = ProgressKeys::compareCodePoints;

  private ProgressKeys() {}

  static void requireValid(ShardProgress progress) {
    Objects.requireNonNull(progress, "progress");
    requireValid("stage", progress.stage());
    requireValid("shard id", progress.shardId());
  }

  static void requireValid(String what, String value) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a progress row needs a non-empty " + what);
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
