package dev.runnel.functions.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;

/** Decodes JSON payloads with the shared mapper, through a reader built once for the input type. */
public final class JsonDecoder implements RecordDecoder {
  private final ObjectReader reader;

  /** A decoder of JSON into {@code type}. */
  public JsonDecoder(Class<?> type) {
    this.reader = RunnelJson.MAPPER.readerFor(type);
  }

  @Override
  public Object decode(byte[] payload) throws Exception {
    Object value;
    try {
      value = reader.readValue(payload);
    } catch (JsonProcessingException e) {
      // Jackson's own message ends with a source excerpt that says nothing; keep the reason and the place.
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
    }
    if (value == null) {
      throw new IllegalArgumentException("the payload is JSON null");
    }
    return value;
  }

  @Override
  public String name() {
    return "json";
  }
}
