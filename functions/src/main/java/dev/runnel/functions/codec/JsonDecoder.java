package dev.runnel.functions.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.runnel.plan.DecodingMode;
import java.io.IOException;

/**
 * Decodes JSON payloads through a reader built once for the input type: with {@link RunnelJson#STRICT} (no value is
 * converted) or, for a lenient source, with {@link RunnelJson#MAPPER}.
 */
public final class JsonDecoder implements RecordDecoder {
  private final Class<?> type;
  private final DecodingMode mode;
  private final ObjectReader reader;
  /** Built on the first value strict decoding refuses, only to say whether lenient decoding would accept it. */
  private volatile ObjectReader lenientProbe;

  /** A strict decoder of JSON into {@code type}. */
  public JsonDecoder(Class<?> type) {
    this(type, DecodingMode.STRICT);
  }

  /** A decoder of JSON into {@code type} in the given mode. */
  public JsonDecoder(Class<?> type, DecodingMode mode) {
    this.type = type;
    this.mode = mode;
    this.reader = (mode == DecodingMode.LENIENT ? RunnelJson.MAPPER : RunnelJson.STRICT).readerFor(type);
  }

  @Override
  public Object decode(byte[] payload) throws Exception {
    Object value;
    // Our own parser, open until the failure is described: it still knows the token that did not fit.
    try (JsonParser parser = reader.createParser(payload)) {
      try {
        value = reader.readValue(parser);
      } catch (MismatchedInputException e) {
        String mismatch = ValueMismatch.describe(e, parser);
        if (mismatch != null && mode == DecodingMode.STRICT && lenientAccepts(payload)) {
          mismatch += "; strict decoding converts no value. Fix the producer, or declare the source with"
              + " @Source(decoding = Decoding.LENIENT) to have it converted";
        }
        if (mismatch != null) {
          throw new IllegalArgumentException(mismatch);
        }
        throw withPlace(e);
      } catch (JsonProcessingException e) {
        throw withPlace(e);
      }
    }
    if (value == null) {
      throw new IllegalArgumentException("the payload is JSON null");
    }
    return value;
  }

  /** True if lenient decoding makes a record of {@code payload} (a failure path: the payload is read again). */
  private boolean lenientAccepts(byte[] payload) {
    ObjectReader probe = lenientProbe;
    if (probe == null) {
      probe = RunnelJson.MAPPER.readerFor(type);
      lenientProbe = probe;
    }
    try {
      return probe.readValue(payload) != null;
    } catch (IOException | RuntimeException refused) {
      return false;
    }
  }

  /** Jackson's own message ends with a source excerpt that says nothing; keep the reason and the place. */
  private static IllegalArgumentException withPlace(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return new IllegalArgumentException(e.getOriginalMessage()
        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
  }

  @Override
  public String name() {
    return "json";
  }
}
