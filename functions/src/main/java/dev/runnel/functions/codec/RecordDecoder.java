package dev.runnel.functions.codec;

/** Turns the payload of an input record into the stage input's record type. Thread-safe. */
public interface RecordDecoder {
  /** Decodes one payload; throws on malformed input. */
  Object decode(byte[] payload) throws Exception;

  /** What decodes, for error messages: {@code "json"} or the codec class. */
  String name();
}
