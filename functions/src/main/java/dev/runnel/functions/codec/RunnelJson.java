package dev.runnel.functions.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson mapper of the runtime: records and beans, unknown properties ignored, null for a primitive
 * and trailing data after the value rejected, java.time values as ISO-8601 strings. Thread-safe; configured once, never changed.
 */
public final class RunnelJson {
  /** The shared mapper. Do not reconfigure it. */
  public static final ObjectMapper MAPPER = JsonMapper.builder(JsonLimits.factory()) // reads all it writes
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .addModule(new JavaTimeModule())
      .build();

  private RunnelJson() {}
}
