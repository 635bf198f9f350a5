package dev.runnel.api;

/**
 * How the built-in JSON codec treats a value whose JSON type is not its field's type ({@link Source#decoding()}).
 * Unknown fields are ignored in both modes, so producers can add fields before jobs read them.
 */
public enum Decoding {
  /**
   * Converts nothing: {@code 12.5} or {@code "300"} for an {@code int}, {@code 12} for a {@code String}, {@code 1}
   * or {@code "true"} for a {@code boolean}, {@code null} for a primitive, a number for an enum: the record goes to
   * the dead letters with error type {@code decode}, naming the field. The default.
   */
  STRICT,
  /** Converts as Jackson does by default: {@code 12.5} becomes 12, {@code "300"} becomes 300, 12 becomes "12". */
  LENIENT
}
