package dev.runnel.functions.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.lang.reflect.Modifier;

/**
 * Encodes output records as JSON with {@link RunnelJson#MAPPER}, through a writer built once for the output's record
 * type when that type is final (a record, say): the serializer is then found at bind time, not per record. Records of
 * any other class are written by their own class, as the untyped writer does, so the bytes are the same either way.
 */
public final class JsonEncoder {
  /** An encoder that looks up each record's serializer by its class. */
  public static final JsonEncoder UNTYPED = new JsonEncoder(null);

  private static final ObjectWriter BY_CLASS = RunnelJson.MAPPER.writer();

  private final Class<?> type;
  private final ObjectWriter typed;

  /** An encoder for records of {@code type}; null, or a type that is not final, writes every record by its class. */
  public JsonEncoder(Class<?> type) {
    boolean exact = type != null && Modifier.isFinal(type.getModifiers()) && !type.isInterface();
    this.type = exact ? type : null;
    this.typed = exact ? RunnelJson.MAPPER.writerFor(type) : null;
  }

  /** The JSON bytes of {@code record}. */
  public byte[] encode(Object record) throws JsonProcessingException {
    return record != null && record.getClass() == type ? typed.writeValueAsBytes(record)
        : BY_CLASS.writeValueAsBytes(record);
  }
}
