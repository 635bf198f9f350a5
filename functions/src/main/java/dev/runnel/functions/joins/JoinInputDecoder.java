package dev.runnel.functions.joins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.runnel.functions.codec.RecordDecoder;
import dev.runnel.functions.codec.RunnelJson;

/**
 * Decodes the records of a join's stream, {@code {"left": {...}}} or {@code {"right": {...}}}, into
 * {@link JoinRecord}s of the side's record type, strictly (as every repartition stream is read). A record tagged
 * otherwise fails here, at its own sequence number, rather than when its window fires.
 */
public final class JoinInputDecoder implements RecordDecoder {
  private final ObjectReader reader;

  /** A decoder of tagged records into {@code type}, a {@code JoinRecord<L, R>}. */
  public JoinInputDecoder(JavaType type) {
    this.reader = RunnelJson.STRICT.readerFor(type);
  }

  @Override
  public Object decode(byte[] payload) throws Exception {
    try {
      Object value = reader.readValue(payload);
      if (value == null) {
        throw new IllegalArgumentException("the payload is JSON null, not a record tagged \"left\" or \"right\"");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  @Override
  public String name() {
    return "json";
  }
}
