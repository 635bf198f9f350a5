package dev.runnel.functions.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
  /** For a join input, {@code {"<side>":} written before the record, or null. */
  private final byte[] tagPrefix;

  /** An encoder for records of {@code type}; null, or a type that is not final, writes every record by its class. */
  public JsonEncoder(Class<?> type) {
    this(type, null);
  }

  private JsonEncoder(Class<?> type, String tag) {
    boolean exact = type != null && Modifier.isFinal(type.getModifiers()) && !type.isInterface();
    this.type = exact ? type : null;
    this.typed = exact ? RunnelJson.MAPPER.writerFor(type) : null;
    this.tagPrefix = tag == null ? null : ("{\"" + tag + "\":").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An encoder writing each record of {@code type} wrapped in a join side's tag, {@code {"left": record}}, as a join's
   * stream carries it (docs/joins.md).
   */
  public static JsonEncoder tagged(Class<?> type, String tag) {
    return new JsonEncoder(type, tag);
  }

  /** The JSON bytes of {@code record}. */
  public byte[] encode(Object record) throws JsonProcessingException {
    byte[] json = record != null && record.getClass() == type ? typed.writeValueAsBytes(record)
        : BY_CLASS.writeValueAsBytes(record);
    if (tagPrefix == null) {
      return json;
    }
    byte[] tagged = Arrays.copyOf(tagPrefix, tagPrefix.length + json.length + 1);
    System.arraycopy(json, 0, tagged, tagPrefix.length, json.length);
    tagged[tagged.length - 1] = '}';
    return tagged;
  }
}
