package dev.runnel.api;

/**
 * Turns a record's bytes into a value and back. Implementations need a public no-argument constructor and must be
 * thread-safe. A decode failure sends the record to the dead-letter table with its payload.
 *
 * @param <T> the record type
 */
public interface Codec<T> {
  /** Decodes one record; throws on malformed input. */
  T decode(byte[] bytes, Class<T> type) throws Exception;

  /** Encodes one record. */
  byte[] encode(T value) throws Exception;

  /** Selects the built-in JSON codec (records and beans, UTF-8). It is the default of {@link Source#codec()}. */
  interface Json extends Codec<Object> {}
}
