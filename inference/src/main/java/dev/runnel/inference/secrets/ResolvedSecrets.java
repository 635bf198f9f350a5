package dev.runnel.inference.secrets;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret value this process has resolved ({@link SecretReferences}), so that the function's log encoder can mask
 * it wherever it appears, in messages and stack traces alike. Process-wide, as logging is; never printed.
 */
public final class ResolvedSecrets {
  /** Shorter values are not remembered: masking them would mangle ordinary text, and no real key is that short. */
  static final int MIN_LENGTH = 8;
  private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

  private ResolvedSecrets() {}

  /** Remembers {@code value} as a secret. */
  public static void remember(String value) {
    if (value != null && value.length() >= MIN_LENGTH) {
      VALUES.add(value);
    }
  }

  /** The values remembered so far (a live, read-only view). */
  public static Set<String> values() {
    return java.util.Collections.unmodifiableSet(VALUES);
  }
}
