package dev.runnel.functions.windows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/**
 * The stored form of a {@link BuiltInAccumulator}: the bare count when only the count is kept (COUNT), otherwise an
 * object of the fields that are not empty, {@code {"n": count, "s": sum, "lo": min, "hi": max, "x": exact sum}}. Reads the form
 * written before too: {@code {"count": .., "sum": .., "min": .., "max": ..}}.
 */
public final class BuiltInAccumulatorJson {
  private BuiltInAccumulatorJson() {}

  /** Writes the short form. */
  public static final class Writer extends JsonSerializer<BuiltInAccumulator> {
    @Override
    public void serialize(BuiltInAccumulator acc, JsonGenerator out, SerializerProvider provider) throws IOException {
      boolean noSum = Double.doubleToRawLongBits(acc.sum()) == 0; // keeps -0.0
      boolean noMin = acc.min() == Double.POSITIVE_INFINITY;
      boolean noMax = acc.max() == Double.NEGATIVE_INFINITY;
      if (noSum && noMin && noMax && acc.exactSum() == null) {
        out.writeNumber(acc.count());
        return;
      }
      out.writeStartObject();
      if (acc.count() != 0) {
        out.writeNumberField("n", acc.count());
      }
      if (!noSum) {
        out.writeNumberField("s", acc.sum());
      }
      if (!noMin) {
        out.writeNumberField("lo", acc.min());
      }
      if (!noMax) {
        out.writeNumberField("hi", acc.max());
      }
      if (acc.exactSum() != null) {
        out.writeNumberField("x", acc.exactSum());
      }
      out.writeEndObject();
    }
  }

  /** Reads the short form and the long one written before. */
  public static final class Reader extends JsonDeserializer<BuiltInAccumulator> {
    @Override
    public BuiltInAccumulator deserialize(JsonParser in, DeserializationContext ctxt) throws IOException {
      if (in.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return new BuiltInAccumulator(in.getLongValue(), 0, BuiltInAccumulator.EMPTY.min(),
            BuiltInAccumulator.EMPTY.max());
      }
      if (in.currentToken() != JsonToken.START_OBJECT) {
        return (BuiltInAccumulator) ctxt.handleUnexpectedToken(BuiltInAccumulator.class, in);
      }
      long count = 0;
      double sum = 0;
      double min = BuiltInAccumulator.EMPTY.min();
      double max = BuiltInAccumulator.EMPTY.max();
      Long exactSum = null;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        in.nextToken();
        switch (field) {
          case "n", "count" -> count = in.getValueAsLong();
          case "s", "sum" -> sum = in.getValueAsDouble();
          case "lo", "min" -> min = in.getValueAsDouble();
          case "hi", "max" -> max = in.getValueAsDouble();
          case "x" -> exactSum = in.getLongValue();
          default -> in.skipChildren();
        }
      }
      return new BuiltInAccumulator(count, sum, min, max, exactSum);
    }
  }
}
