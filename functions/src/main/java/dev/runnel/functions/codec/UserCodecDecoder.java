package dev.runnel.functions.codec;

import dev.runnel.api.Codec;

/** Decodes payloads with a user {@link Codec} named in the plan. */
public final class UserCodecDecoder implements RecordDecoder {
  private final Codec<Object> codec;
  private final Class<Object> type;

  /** Wraps a codec instance decoding into {@code type}. */
  @SuppressWarnings("unchecked")
  public UserCodecDecoder(Codec<?> codec, Class<?> type) {
    this.codec = (Codec<Object>) codec;
    this.type = (Class<Object>) type;
  }

  @Override
  public Object decode(byte[] payload) throws Exception {
    Object value = codec.decode(payload, type);
    if (value == null) {
      throw new IllegalArgumentException("codec returned null");
    }
    return value;
  }

  @Override
  public String name() {
    return codec.getClass().getName();
  }
}
